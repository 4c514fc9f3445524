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
    /// A metric's values per bucket, for one customer or (nil) all customers.
    func timeseries(metric: Metric, customerID: String?, period: Period, bucket: Bucket) async throws -> TimeSeries
    /// One page (zero-based) of raw events, in the provider's own order (the page says which).
    func events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int) async throws
        -> Page<UsageEvent>
    /// Every event of a customer's metric over `period` (of one subscription's when given: a provider that keys events
    /// by subscription), handed to `body` a page at a time in any order, each event read once (what a copy reads; a
    /// page names the events it could not read); returns the calls made.
    func forEachEventPage(
        customerID: String, metric: Metric, period: Period, subscription: String?,
        _ body: (Page<UsageEvent>) async throws -> Void
    ) async throws -> Int
    /// How many events a customer has of each metric (by code) in exactly `period`, in one call, or nil where the
    /// provider cannot say that cheaply (a copy then reads every metric's events).
    func eventCounts(customerID: String, period: Period) async throws -> [String: Int]?
    /// A metric's usage split by the values of one event property, largest first, over every event of the period.
    func breakdown(customerID: String, metric: Metric, period: Period, by key: String) async throws -> [BreakdownRow]
    /// The keys the provider itself splits a metric's usage by (Lago's filters and groups); nil when any event
    /// property will do (found in the events themselves).
    func breakdownKeys(customerID: String, metric: Metric, period: Period) async throws -> [String]?
    /// One page of raw events in the order asked and matching the query's properties, where the provider can.
    func events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int, query: EventQuery)
        async throws -> Page<UsageEvent>
}

extension UsageProvider {
    /// Remote APIs cannot tell cheaply whether anything changed.
    public func changeToken() async throws -> String? { nil }

    /// A metric that is not in `metrics()` but that the provider still answers for (a provider without a metric list
    /// takes any event name); nil for providers whose list is complete.
    public func metric(code: String) async throws -> Metric? { nil }

    /// Sources without a customer listing cannot find customers by name.
    public func customers() async throws -> [Customer] {
        throw UsageError(.unsupported, "finding customers by name not offered by \(name)")
    }

    /// Providers without server-side order or property filters: their own order (the page says which); a property
    /// filter is refused rather than applied to one page.
    public func events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int, query: EventQuery)
        async throws -> Page<UsageEvent>
    {
        guard query.matches.isEmpty else { throw UsageError(.unsupported, "property filters not offered by \(name)") }
        guard query.text == nil else { throw UsageError(.unsupported, "event search not offered by \(name)") }
        return try await events(customerID: customerID, metric: metric, period: period, page: page, pageSize: pageSize)
    }

    /// No cheap count.
    public func eventCounts(customerID: String, period: Period) async throws -> [String: Int]? { nil }

    /// Page after page of `events`, a hundred at a time, until the last; a page that repeats the one before it, or
    /// more pages than `PageGuard.eventPages`, ends the read with an error (never with part of the events).
    public func forEachEventPage(
        customerID: String, metric: Metric, period: Period, subscription: String?,
        _ body: (Page<UsageEvent>) async throws -> Void
    ) async throws -> Int {
        var guardrail = PageGuard(limit: PageGuard.eventPages)
        var page = 0
        while true {
            let answer = try await events(
                customerID: customerID, metric: metric, period: period, page: page, pageSize: 100)
            let last = answer.items.count + answer.unreadable.count < answer.size || page + 1 >= answer.pageCount
            if let problem = guardrail.problem(admitting: answer.items, more: !last) {
                throw UsageError(.unavailable, "\(name): events of \(customerID) for \(metric.code): \(problem)")
            }
            try await body(answer)
            if last { return page + 1 }
            page += 1
        }
    }

    /// Any event property can split the usage.
    public func breakdownKeys(customerID: String, metric: Metric, period: Period) async throws -> [String]? { nil }

    /// Providers that cannot group events by property.
    public func breakdown(customerID: String, metric: Metric, period: Period, by key: String) async throws
        -> [BreakdownRow]
    {
        throw UsageError(.unsupported, "breakdowns by event property not offered by \(name)")
    }

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

    /// Creates source information.
    public init(label: String, isDemoData: Bool) {
        self.label = label
        self.isDemoData = isDemoData
    }
}
