import Foundation
import UsageCore

/// Prolifi as a `UsageProvider`: customers and the per-customer usage summary (one count per event name, with
/// the last reported time). Prolifi has no metric list, no timeseries and no event listing: metrics are the event
/// names found in the usage of the first customers, and the screens say the rest is not offered.
public struct ProlifiProvider: UsageProvider {
    private let api: APIClient
    private let limit = 100
    /// How many customers' usage is read to discover event names.
    private let discoverySample = 20

    /// Creates a provider over a configured API client.
    public init(api: APIClient) {
        self.api = api
    }

    public var name: String { "prolifi" }
    public var capabilities: ProviderCapabilities { [.periodTotals] }

    public func sourceInfo() async throws -> SourceInfo {
        SourceInfo(label: "prolifi \(api.configuration.baseURL)", isDemoData: false)
    }

    public func metrics() async throws -> [Metric] {
        var names: [String] = []
        let period = Period(start: Date().addingTimeInterval(-90 * 86_400), end: Date())
        for customer in try await customers().prefix(discoverySample) {
            for row in try await usage(customer.id, period: period) {
                if let event = row["event_name"].nonEmptyText, !names.contains(event) { names.append(event) }
            }
        }
        return names.sorted().map { Metric(code: $0, name: $0, aggregation: .count, unit: "events") }
    }

    func customers() async throws(APIError) -> [Customer] {
        var result: [Customer] = []
        for _ in 0..<api.configuration.maxPages {
            let document = try await api.get("/customers", query: [("limit", String(limit)), ("offset", String(result.count))])
            let items = document["data"]?.arrayValue ?? []
            result += items.compactMap(Self.customer)
            guard document["pagination"]?["has_more"] == .bool(true), !items.isEmpty else { return result }
        }
        throw api.configuration.tooManyPages("/customers")
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

    public func summaries(metric: Metric, period: Period, trailingDays: Int, now: Date) async throws -> [CustomerSummary] {
        var rows: [CustomerSummary] = []
        for customer in try await customers() {
            let usage = try await usage(customer.id, period: period)
            let row = usage.first { $0["event_name"].nonEmptyText == metric.code }
            let last = usage.compactMap { $0["last_reported_at"]?.stringValue.flatMap(ISO8601Parser.parse) }.max()
            rows.append(CustomerSummary(customer: customer, total: row?["count"]?.decimalValue ?? 0, daily: [], lastEventAt: last))
        }
        return rows
    }

    public func totals(customerID: String, period: Period) async throws -> [UsageTotal] {
        let usage = try await usage(customerID, period: period)
        return usage.compactMap { row in
            guard let event = row["event_name"].nonEmptyText else { return nil }
            let count = row["count"]?.decimalValue ?? 0
            return UsageTotal(metric: Metric(code: event, name: event, aggregation: .count, unit: "events"), value: count,
                              eventCount: row["count"]?.intValue)
        }.sorted { $0.metric.code < $1.metric.code }
    }

    public func timeseries(metric: Metric, customerID: String?, period: Period, bucket: Bucket) async throws -> TimeSeries {
        throw UsageError(.unsupported, "timeseries not offered by prolifi")
    }

    public func events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int) async throws
        -> Page<UsageEvent>
    {
        throw UsageError(.unsupported, "events not offered by prolifi")
    }

    /// The usage summary; Prolifi's dates are whole days, both inclusive, so `[start, end)` becomes
    /// `start_date = day(start)`, `end_date = day(end - 1 ms)`.
    private func usage(_ customerID: String, period: Period) async throws(APIError) -> [JSONValue] {
        let last = period.end > period.start ? period.end.addingTimeInterval(-0.001) : period.end
        let document = try await api.get(
            "/customers/\(APIClient.segment(customerID))/usage",
            query: [("start_date", UTCTime.day(period.start)), ("end_date", UTCTime.day(last))])
        return document["data"]?.arrayValue ?? []
    }

    static func customer(_ item: JSONValue) -> Customer? {
        guard let id = item["id"].nonEmptyText else { return nil }
        let person = [item["first_name"].nonEmptyText, item["last_name"].nonEmptyText]
            .compactMap { $0 }.joined(separator: " ")
        let name = item["company_name"].nonEmptyText ?? (person.isEmpty ? nil : person)
            ?? item["email"].nonEmptyText ?? item["external_id"].nonEmptyText ?? id
        return Customer(id: id, name: name, currency: item["currency"].nonEmptyText)
    }
}
