extension HyperlineProvider {
    /// Hyperline publishes 200 GET per 10 s: 170 per 10 s with bursts of 20 never pass 190 in any 10 s.
    public static let descriptor = ProviderDescriptor(
        name: "hyperline", defaultBaseURL: "https://api.hyperline.co",
        budget: RateBudget(requests: 170, per: .seconds(10), burst: 20), billing: .days,
        make: { HyperlineProvider(api: $0) })
}
