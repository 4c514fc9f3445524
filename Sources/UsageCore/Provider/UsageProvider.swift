import Foundation

/// A source of usage data: the embedded store or a billing provider's API.
public protocol UsageProvider: Sendable {
    /// Short machine name (`local`, `lago`, ...), printed as `provider` in JSON output.
    var name: String { get }
    /// What this provider can answer.
    var capabilities: ProviderCapabilities { get }
    /// A one-line description of where data comes from, and whether it is generated demo data.
    func sourceInfo() async throws -> SourceInfo
    /// A value that changes whenever the provider's data does, or nil when the provider cannot tell
    /// (then every refresh asks again).
    func changeToken() async throws -> String?
    /// All metrics, in display order.
    func metrics() async throws -> [Metric]
    /// A metric that is not in `metrics()` but that the provider still answers for, or nil.
    func metric(code: String) async throws -> Metric?
    /// One customer by id, or nil.
    func customer(id: String) async throws -> Customer?
    /// Every customer (for finding one by name).
    func customers() async throws -> [Customer]
    /// Every customer with one metric's total over `period`, daily values for the trailing days before `now`,
    /// and the last event time.
    func summaries(metric: Metric, period: Period, trailingDays: Int, now: Date) async throws -> [CustomerSummary]
    /// The same rows, reporting them to `progress` in batches as they arrive (providers that answer in one call
    /// report nothing).
    func summaries(metric: Metric, period: Period, trailingDays: Int, now: Date, progress: SummaryProgressHandler?)
        async throws -> [CustomerSummary]
    /// Totals of every metric for one customer over `period`.
    func totals(customerID: String, period: Period) async throws -> [UsageTotal]
    /// The totals with the bills behind them, for providers that price usage.
    func report(customerID: String, period: Period) async throws -> UsageReport
}

extension UsageProvider {
    /// Remote APIs cannot tell cheaply whether anything changed.
    public func changeToken() async throws -> String? { nil }

    /// A metric that is not in `metrics()` but that the provider still answers for (a provider without a metric list
    /// takes any event name); nil for providers whose list is complete.
    public func metric(code: String) async throws -> Metric? { nil }

    /// Unpriced sources: the totals alone.
    public func report(customerID: String, period: Period) async throws -> UsageReport {
        UsageReport(totals: try await totals(customerID: customerID, period: period))
    }

    /// Answers in one call: nothing to report on the way.
    public func summaries(
        metric: Metric, period: Period, trailingDays: Int, now: Date, progress: SummaryProgressHandler?
    )
        async throws -> [CustomerSummary]
    {
        try await summaries(metric: metric, period: period, trailingDays: trailingDays, now: now)
    }
}

/// Where a provider's data comes from.
public struct SourceInfo: Sendable, Hashable {
    /// Shown in the header, e.g. `local ~/.local/share/usagetop/usage.sqlite`.
    public var label: String
    /// True while the source holds only generated demo data.
    public var isDemoData: Bool
    /// How far behind its primary a replica store is (`replica, 4s behind`), as of the last read; nil otherwise.
    public var replica: String?

    /// Creates source information.
    public init(label: String, isDemoData: Bool, replica: String? = nil) {
        self.label = label
        self.isDemoData = isDemoData
        self.replica = replica
    }

    /// The header's words: the replica's lag first (a narrow header keeps it), then the label.
    public var shown: String { replica.map { "\($0) · \(label)" } ?? label }
}
