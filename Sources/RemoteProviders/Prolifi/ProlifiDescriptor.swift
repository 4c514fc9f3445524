extension ProlifiProvider {
    /// Prolifi publishes 1,000 per minute per key: 900 per minute with bursts of 50 never pass 950 in any minute.
    public static let descriptor = ProviderDescriptor(
        name: "prolifi", defaultBaseURL: "https://api.prolifi.co/api/v1/public",
        budget: RateBudget(requests: 900, per: .seconds(60), burst: 50), billing: .days,
        make: { ProlifiProvider(api: $0) })
}
