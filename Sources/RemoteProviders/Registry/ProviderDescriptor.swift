import Foundation
import UsageCore

/// Everything usagetop knows about one API provider, in one place: the CLI options, `config.toml`'s schema, the key
/// lookup, the monitor, sync, `usagetop info` and the benchmarks all read it from `ProviderRegistry`.
public struct ProviderDescriptor: Sendable {
    /// How the provider is named on the command line and in profiles (`lago`).
    public var name: String
    /// The public API base URL.
    public var defaultBaseURL: String
    /// The published rate limit, as spent.
    public var budget: RateBudget
    /// The monitor's refresh when none is given, in seconds.
    public var defaultRefreshSeconds: Int
    /// How the provider bills, and so which periods it can answer.
    public var billing: BillingModel
    /// Makes the provider over an HTTP client.
    public var make: @Sendable (APIClient) -> any UsageProvider & CallCounting

    /// Creates a descriptor.
    public init(
        name: String, defaultBaseURL: String, budget: RateBudget, defaultRefreshSeconds: Int = 30,
        billing: BillingModel, make: @escaping @Sendable (APIClient) -> any UsageProvider & CallCounting
    ) {
        self.name = name
        self.defaultBaseURL = defaultBaseURL
        self.budget = budget
        self.defaultRefreshSeconds = defaultRefreshSeconds
        self.billing = billing
        self.make = make
    }

    /// The environment variable that holds the key (`LAGO_API_KEY`).
    public var keyVariable: String { name.uppercased() + "_API_KEY" }

    /// The provider over `configuration`, spending `share` of its rate budget.
    public func provider(configuration: APIConfiguration, share: Double = 1) -> any UsageProvider & CallCounting {
        make(APIClient(configuration: configuration, throttle: budget.throttle(share: share)))
    }
}
