extension LagoProvider {
    /// Lago publishes its limit in headers (handled on 429); only concurrency is bounded, at eight calls at once
    /// (self-hosted servers publish no limit, and Lago Cloud answers 429 with a reset time when it is reached).
    public static let descriptor = ProviderDescriptor(
        name: "lago", defaultBaseURL: "https://api.getlago.com/api/v1",
        budget: RateBudget(requests: 1_000_000, per: .seconds(1), maxConcurrent: 8), billing: .billingPeriods,
        make: { LagoProvider(api: $0) })
}
