import Foundation
import UsageCore

/// Hyperline as a `UsageProvider`: customers, aggregators as metrics, customer usage, per-customer and
/// client-wide timeseries and paged events. Events and timeseries are read with GET and, when the server answers
/// 404 or 405, with POST and a JSON body, remembered for the rest of the run.
public struct HyperlineProvider: UsageProvider {
    private let api: APIClient
    private let methods = MethodMemory()
    private let take = 100

    /// Creates a provider over a configured API client.
    public init(api: APIClient) {
        self.api = api
    }

    public var name: String { "hyperline" }
    public var capabilities: ProviderCapabilities { .all }

    public func sourceInfo() async throws -> SourceInfo {
        SourceInfo(label: "hyperline \(api.configuration.baseURL)", isDemoData: false)
    }

    public func metrics() async throws -> [Metric] {
        try await listAll("/v1/aggregators").compactMap { item in
            guard let id = item["id"].nonEmptyText else { return nil }
            let sum = item["operation"]?.stringValue == "sum"
            return Metric(code: id, name: item["name"].nonEmptyText ?? id, aggregation: sum ? .sum : .count,
                          field: sum ? item["property"].nonEmptyText : nil, unit: item["unit_name"].nonEmptyText)
        }
    }

    public func customer(id: String) async throws -> Customer? {
        do {
            return HyperlineDecoding.customer(try await api.get("/v1/customers/\(APIClient.segment(id))"))
        } catch {
            if error.status == 404 { return nil }
            throw error
        }
    }

    public func summaries(metric: Metric, period: Period, trailingDays: Int, now: Date) async throws -> [CustomerSummary] {
        let customers = try await listAll("/v1/customers").compactMap(HyperlineDecoding.customer)
        var rows: [CustomerSummary] = []
        for customer in customers {
            let usage = try await customerUsage(customer.id, period: period)
            let total = usage.first { $0["aggregator_id"].nonEmptyText == metric.code }?["total"]?.decimalValue
            rows.append(CustomerSummary(customer: customer, total: total ?? 0, daily: [], lastEventAt: nil))
        }
        return rows
    }

    public func totals(customerID: String, period: Period) async throws -> [UsageTotal] {
        let usage = try await customerUsage(customerID, period: period)
        return try await metrics().map { metric in
            let row = usage.first { $0["aggregator_id"].nonEmptyText == metric.code }
            return UsageTotal(metric: metric, value: row?["total"]?.decimalValue ?? 0, eventCount: row?["count"]?.intValue ?? 0)
        }
    }

    public func timeseries(metric: Metric, customerID: String?, period: Period, bucket: Bucket) async throws -> TimeSeries {
        let path = customerID.map { "/v1/customers/\(APIClient.segment($0))/usage/\(APIClient.segment(metric.code))/timeseries" }
            ?? "/v1/aggregators/\(APIClient.segment(metric.code))/usage/timeseries"
        let document = try await read(path, family: "timeseries", period: period, extra: [("group_by", bucket.rawValue)])
        let points = (document["timeseries"]?.arrayValue ?? []).compactMap { item -> TimeSeries.Point? in
            guard let tick = item["tick"]?.stringValue.flatMap(ISO8601Parser.parse) else { return nil }
            return TimeSeries.Point(start: tick, value: item["count"]?.decimalValue ?? 0)
        }
        let total = document["total"]?.decimalValue ?? points.reduce(0) { $0 + $1.value }
        return TimeSeries(metricCode: metric.code, bucket: bucket, points: points, total: total)
    }

    public func events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int) async throws
        -> Page<UsageEvent>
    {
        let size = min(100, pageSize)
        let path = "/v1/customers/\(APIClient.segment(customerID))/usage/\(APIClient.segment(metric.code))/events"
        let document = try await read(path, family: "events", period: period,
                                      extra: [("take", String(size)), ("skip", String(page * size))])
        let items = (document["data"]?.arrayValue ?? []).compactMap { item -> UsageEvent? in
            guard let id = item["id"].nonEmptyText,
                  let timestamp = item["timestamp"]?.stringValue.flatMap(ISO8601Parser.parse) else { return nil }
            return UsageEvent(transactionID: id, customerID: customerID, metricCode: metric.code, timestamp: timestamp,
                              properties: item["payload"] ?? .object([]))
        }
        return Page(items: items, index: page, size: size, totalCount: document["meta"]?["total"]?.intValue ?? items.count)
    }

    private func customerUsage(_ customerID: String, period: Period) async throws(APIError) -> [JSONValue] {
        try await api.get("/v1/customers/\(APIClient.segment(customerID))/usage", query: Self.dates(period))
            .arrayValue ?? []
    }

    /// GET with query parameters, or POST with the same fields as a JSON body once GET was refused.
    private func read(_ path: String, family: String, period: Period, extra: [(String, String)]) async throws(APIError)
        -> JSONValue
    {
        let query = Self.dates(period) + extra
        if !methods.usesPost(family) {
            do {
                return try await api.get(path, query: query)
            } catch {
                guard error.status == 404 || error.status == 405 else { throw error }
            }
        }
        let body = JSONValue.object(query.map { key, value in
            (key, Int(value).map { .number(String($0)) } ?? .string(value))
        })
        let answer = try await api.post(path, body: body)
        methods.rememberPost(family)
        return answer
    }

    /// `take`/`skip` pages until `meta.total` items or an empty page; more than the configured number of pages is
    /// an error.
    private func listAll(_ path: String) async throws(APIError) -> [JSONValue] {
        var items: [JSONValue] = []
        for _ in 0..<api.configuration.maxPages {
            let document = try await api.get(path, query: [("take", String(take)), ("skip", String(items.count))])
            let page = document["data"]?.arrayValue ?? []
            items += page
            let total = document["meta"]?["total"]?.intValue ?? items.count
            if page.isEmpty || items.count >= total { return items }
        }
        throw api.configuration.tooManyPages(path)
    }

    static func dates(_ period: Period) -> [(String, String)] {
        [("start_date", UTCTime.iso(period.start)), ("end_date", UTCTime.iso(period.end))]
    }
}

/// Small readers for Hyperline JSON.
enum HyperlineDecoding {
    static func customer(_ item: JSONValue) -> Customer? {
        guard let id = item["id"].nonEmptyText else { return nil }
        return Customer(id: id, name: item["name"].nonEmptyText ?? id, currency: item["currency"].nonEmptyText)
    }
}
