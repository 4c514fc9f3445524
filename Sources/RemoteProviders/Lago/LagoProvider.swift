import Foundation
import UsageCore

/// Lago (Cloud, EU or self-hosted) as a `UsageProvider`. Lago answers usage per subscription and whole billing
/// period only, so every total carries the billing period it answers (`LagoUsageReader`), one row per charge
/// (`LagoRows`); series are one point per billing period, and events are read across every subscription.
public struct LagoProvider: EventListing, SeriesListing, PropertyBreakdowns, CallCounting {
    let api: APIClient
    let reader: LagoUsageReader
    /// The metric list, read once a minute at most (every totals call labels its rows with it).
    private let metricList = RecentAnswer<[Metric]>(lifetime: 60)
    /// Each customer's plans, read at most once an hour (a sync every minute need not ask again each pass).
    let planList = RecentAnswer<[String: String]>(lifetime: 3_600)
    /// The customer of each subscription an organisation-wide event listing named (a subscription never changes
    /// hands), kept for a day.
    let owners = RecentAnswer<String>(lifetime: 86_400)

    /// Creates a provider over a configured API client.
    public init(api: APIClient) {
        self.api = api
        reader = LagoUsageReader(api: api)
    }

    public var name: String { Self.descriptor.name }

    /// The calls made to the API so far.
    public var callsMade: Int { api.callsMade }
    /// Lago has no client-wide series and no totals for arbitrary periods; its series are per billing period.
    public var capabilities: ProviderCapabilities { [] }

    public func sourceInfo() async throws -> SourceInfo {
        SourceInfo(label: "lago \(api.configuration.baseURL)", isDemoData: false)
    }

    public func metrics() async throws -> [Metric] {
        try await metricList.value { [reader] in
            try await reader.pages("/billable_metrics", root: "billable_metrics").compactMap(LagoDecoding.metric)
        }
    }

    /// A metric the list does not show but Lago still bills (its usage names it): read by its code; one Lago no
    /// longer knows at all is answered as Lago's usage gives it, whatever its aggregation.
    public func metric(code: String) async throws -> Metric? {
        guard !code.isEmpty else { return nil }
        do {
            let document = try await api.get("/billable_metrics/\(APIClient.segment(code))")
            return document["billable_metric"].flatMap(LagoDecoding.metric)
        } catch {
            guard error.status == 404 else { throw error }
            return Metric(code: code, name: code, aggregation: .custom, notFromEvents: "not in lago's metric list")
        }
    }

    public func customers() async throws -> [Customer] {
        try await reader.allPages("/customers", root: "customers").compactMap(LagoDecoding.customer)
    }

    public func customer(id: String) async throws -> Customer? {
        let document: JSONValue
        do {
            document = try await api.get("/customers/\(APIClient.segment(id))")
        } catch {
            if error.status == 404 { return nil }
            throw error
        }
        return document["customer"].flatMap(LagoDecoding.customer)
    }

    /// One row per charge and billing period overlapping `period`, as `report` gives them, without what only bills
    /// need (taxes computed by Lago, projections): the reads a sync makes on every pass.
    public func totals(customerID: String, period: Period) async throws -> [UsageTotal] {
        async let metrics = metrics()
        let usages = try await reader.usages(customerID: customerID, period: period)
        return LagoRows.totals(usages, requested: period, metrics: try await metrics)
    }

    /// One row per charge and billing period overlapping `period`, each labelled with the billing period it answers,
    /// and each period's bill: amount, taxes, total, and the projection of current periods when Lago offers it.
    public func report(customerID: String, period: Period) async throws -> UsageReport {
        async let metrics = metrics()
        let usages = try await reader.usages(customerID: customerID, period: period, taxes: true)
        let current = Set(usages.filter { !$0.isInvoiced }.map(\.subscription))
        let projections = try await ConcurrentMap.map(Array(current).sorted(), limit: api.concurrency) {
            [reader] subscription in
            (subscription, await reader.projectedCents(customerID: customerID, subscription: subscription))
        }
        let projected = Dictionary(
            projections.compactMap { id, cents in cents.map { (id, $0) } }, uniquingKeysWith: { a, _ in a })
        let totals = LagoRows.totals(usages, requested: period, metrics: try await metrics)
        var series: [String: TimeSeries] = [:]
        for total in totals where series[total.metric.code] == nil {
            series[total.metric.code] = LagoRows.series(usages, metric: total.metric)
        }
        return UsageReport(totals: totals, bills: LagoRows.bills(usages, projected: projected), series: series)
    }

    public func summaries(metric: Metric, period: Period, trailingDays: Int, now: Date) async throws
        -> [CustomerSummary]
    {
        try await summaries(metric: metric, period: period, trailingDays: trailingDays, now: now, progress: nil)
    }

    /// Every customer's value of `metric` over the billing periods overlapping `period`, customers read concurrently
    /// and reported to `progress` as they finish.
    public func summaries(
        metric: Metric, period: Period, trailingDays: Int, now: Date, progress: SummaryProgressHandler?
    )
        async throws -> [CustomerSummary]
    {
        let customers = try await customers()
        let batcher = RowBatcher(total: customers.count, handler: progress)
        return try await ConcurrentMap.map(customers, limit: api.concurrency) { [reader] customer in
            let usages = try await reader.usages(customerID: customer.id, period: period, metricCode: metric.code)
            let rows = LagoRows.summaries(customer: customer, usages: usages, metric: metric, requested: period)
            batcher.add(customer: rows)
            return rows
        }.flatMap { $0 }
    }

    /// One point per billing period (invoiced or current, of active and terminated subscriptions) overlapping
    /// `period`, at the period's start; the bucket is the billing period whatever was asked.
    public func timeseries(metric: Metric, customerID: String?, period: Period, bucket: Bucket) async throws
        -> TimeSeries
    {
        guard let customerID else { throw UsageError(.unsupported, "client-wide timeseries not offered by lago") }
        let usages = try await reader.usages(customerID: customerID, period: period, metricCode: metric.code)
        return LagoRows.series(usages, metric: metric)
    }

    /// The keys of the metric's charge filters and groups in the billing periods overlapping `period`: Lago splits
    /// usage only by what its charges define, so these are the keys a breakdown can use.
    public func breakdownKeys(customerID: String, metric: Metric, period: Period) async throws -> [String]? {
        let usages = try await reader.usages(customerID: customerID, period: period, metricCode: metric.code)
        return LagoBreakdown.keys(usages, metric: metric)
    }

    /// The metric's usage by the parts of the charge that splits by a filter or group key (the events no filter
    /// matched included), with Lago's amount for each, over the billing periods that answer `period` (named on each
    /// row when they are not exactly `period`).
    public func breakdown(customerID: String, metric: Metric, period: Period, by key: String) async throws
        -> [BreakdownRow]
    {
        let usages = try await reader.usages(customerID: customerID, period: period, metricCode: metric.code)
        return try LagoBreakdown.rows(usages, metric: metric, key: key, requested: period)
    }

    public func events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int) async throws
        -> Page<UsageEvent>
    {
        try await LagoEventPager(api: api, reader: reader)
            .page(customerID: customerID, metric: metric, period: period, page: page, pageSize: pageSize)
    }

    /// One subscription's events, or each subscription's in turn, read once.
    public func forEachEventPage(
        customerID: String, metric: Metric, period: Period, subscription: String?,
        _ body: (Page<UsageEvent>) async throws -> Void
    ) async throws {
        try await LagoEventPager(api: api, reader: reader)
            .forEachPage(customerID: customerID, metric: metric, period: period, subscription: subscription, body)
    }
}
