import Foundation
import UsageCore

/// Prolifi as a `UsageProvider`: customers and the per-customer usage summary (one count per event name, with
/// the last reported time). Prolifi has no metric list, no timeseries and no event listing: metrics are the event
/// names found in the usage of the first customers and in every answer since, and the screens say the rest is not offered.
public struct ProlifiProvider: UsageProvider, CallCounting {
    private let api: APIClient
    private let limit = 100
    /// How many customers' usage is read to discover event names.
    private let discoverySample = 20
    /// Every event name an answer has shown.
    private let seen = NameMemory()

    /// Creates a provider over a configured API client.
    public init(api: APIClient) {
        self.api = api
    }

    public var name: String { Self.descriptor.name }

    /// The calls made to the API so far.
    public var callsMade: Int { api.callsMade }
    public var capabilities: ProviderCapabilities { [.periodTotals] }

    public func sourceInfo() async throws -> SourceInfo {
        SourceInfo(label: "prolifi \(api.configuration.baseURL)", isDemoData: false)
    }

    /// The event names found in the usage of the first customers over 90 days, and every name any answer has
    /// shown since.
    public func metrics() async throws -> [Metric] {
        let period = Period(start: Date().addingTimeInterval(-90 * 86_400), end: Date())
        let sample = Array(try await customers().prefix(discoverySample))
        _ = try await ConcurrentMap.map(sample, limit: api.concurrency) { [self] customer in
            try await usage(customer.id, period: period).rows
        }
        return seen.names.map(Self.metric)
    }

    /// Prolifi has no metric list: any event name is a metric (an unknown name counts zero).
    public func metric(code: String) async throws -> Metric? {
        code.isEmpty ? nil : Self.metric(code)
    }

    static func metric(_ eventName: String) -> Metric {
        Metric(code: eventName, name: eventName, aggregation: .count, unit: "events")
    }

    public func customers() async throws -> [Customer] {
        try await OffsetListing(
            api: api, path: "/customers", sizeName: "limit", offsetName: "offset", pageSize: limit,
            total: { $0["pagination"]?["total"]?.intValue },
            more: { page, _ in page.document["pagination"]?["has_more"] == .bool(true) && !page.items.isEmpty }
        )
        .all().compactMap(Self.customer)
    }

    public func customer(id: String) async throws -> Customer? {
        do {
            let document = try await api.get("/customers/\(APIClient.segment(id))")
            return Self.customer(document["data"] ?? document)
        } catch {
            if error.status == 404 { return nil }
            throw error
        }
    }

    /// Every customer's count of `metric` over `period` widened to whole UTC days (reported with each row),
    /// customers read concurrently; the last event is the metric's own.
    public func summaries(
        metric: Metric, period: Period, trailingDays: Int, now: Date, progress: SummaryProgressHandler?
    )
        async throws -> [CustomerSummary]
    {
        let customers = try await customers()
        let batcher = RowBatcher(total: customers.count, handler: progress)
        return try await ConcurrentMap.map(customers, limit: api.concurrency) { [self] customer in
            let usage = try await usage(customer.id, period: period, eventName: metric.code)
            let found = usage.rows.first { $0["event_name"].nonEmptyText == metric.code }
            let row = CustomerSummary(
                customer: customer, total: found?["count"]?.decimalValue ?? 0, daily: [],
                lastEventAt: found?["last_reported_at"]?.stringValue.flatMap(ISO8601Parser.parse),
                periods: usage.answered == period ? [] : [usage.answered])
            batcher.add(row)
            return row
        }
    }

    public func summaries(metric: Metric, period: Period, trailingDays: Int, now: Date) async throws
        -> [CustomerSummary]
    {
        try await summaries(metric: metric, period: period, trailingDays: trailingDays, now: now, progress: nil)
    }

    /// One count per event name over `period` widened to whole UTC days (each total carries the days answered).
    public func totals(customerID: String, period: Period) async throws -> [UsageTotal] {
        let usage = try await usage(customerID, period: period)
        return usage.rows.compactMap { row in
            guard let event = row["event_name"].nonEmptyText else { return nil }
            return UsageTotal(
                metric: Self.metric(event), value: row["count"]?.decimalValue ?? 0,
                eventCount: row["count"]?.intValue, period: usage.answered == period ? nil : usage.answered)
        }.sorted { $0.metric.code < $1.metric.code }
    }

    /// The usage summary over `period` widened to whole UTC days, since Prolifi's dates are whole days, both
    /// inclusive: `[start, end)` becomes `start_date = day(start)`, `end_date = day(end − 1 ms)`, and the answer is
    /// for `[start of that day, end of the last day)`. Event names seen are remembered as metrics.
    private func usage(_ customerID: String, period: Period, eventName: String? = nil) async throws(APIError)
        -> (rows: [JSONValue], answered: Period)
    {
        let answered = Self.wholeDays(period)
        let last = answered.end.addingTimeInterval(-86_400)
        var query = [("start_date", UTCTime.day(answered.start)), ("end_date", UTCTime.day(last))]
        if let eventName { query.append(("event_name", eventName)) }
        let document = try await api.get("/customers/\(APIClient.segment(customerID))/usage", query: query)
        let rows = document["data"]?.arrayValue ?? []
        seen.insert(rows.compactMap { $0["event_name"].nonEmptyText })
        return (rows, answered)
    }

    /// `period` widened to whole UTC days (at least one day).
    static func wholeDays(_ period: Period) -> Period {
        let start = UTCTime.startOfDay(period.start)
        let lastInstant = period.end > period.start ? period.end.addingTimeInterval(-0.001) : period.end
        return Period(
            start: start,
            end: max(UTCTime.startOfDay(lastInstant).addingTimeInterval(86_400), start.addingTimeInterval(86_400)))
    }

    static func customer(_ item: JSONValue) -> Customer? {
        guard let id = item["id"].nonEmptyText else { return nil }
        let person = [item["first_name"].nonEmptyText, item["last_name"].nonEmptyText]
            .compactMap { $0 }.joined(separator: " ")
        let name =
            item["company_name"].nonEmptyText ?? (person.isEmpty ? nil : person)
            ?? item["email"].nonEmptyText ?? item["external_id"].nonEmptyText ?? id
        return Customer(id: id, name: name, currency: item["currency"].nonEmptyText)
    }
}
