import Foundation
import UsageCore

/// Lago (Cloud, EU or self-hosted) as a `UsageProvider`: customers and billable metrics, totals from
/// `current_usage` merged across the customer's active subscriptions, per-period series from `past_usage`,
/// and raw events from `/events`.
public struct LagoProvider: UsageProvider {
    private let api: APIClient
    private let pageSize = 100

    /// Creates a provider over a configured API client.
    public init(api: APIClient) {
        self.api = api
    }

    public var name: String { "lago" }
    /// Lago has no client-wide series; its series are per billing period.
    public var capabilities: ProviderCapabilities { [.timeseries, .events] }

    public func sourceInfo() async throws -> SourceInfo {
        SourceInfo(label: "lago \(api.configuration.baseURL)", isDemoData: false)
    }

    public func metrics() async throws -> [Metric] {
        try await pages("/billable_metrics", root: "billable_metrics").compactMap(LagoDecoding.metric)
    }

    public func customers() async throws -> [Customer] {
        try await pages("/customers", root: "customers").compactMap(LagoDecoding.customer)
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

    /// External ids of the customer's active subscriptions.
    func subscriptions(customerID: String) async throws -> [String] {
        try await pages("/subscriptions", root: "subscriptions", query: [("external_customer_id", customerID)])
            .compactMap { $0["external_id"].nonEmptyText }
    }

    /// Current usage of every active subscription; a subscription that is no longer active is skipped.
    func currentUsage(customerID: String) async throws -> [LagoDecoding.Usage] {
        var usages: [LagoDecoding.Usage] = []
        for subscription in try await subscriptions(customerID: customerID) {
            let document: JSONValue
            do {
                document = try await api.get(
                    "/customers/\(APIClient.segment(customerID))/current_usage",
                    query: [("external_subscription_id", subscription), ("apply_taxes", "false")])
            } catch {
                if error.kind == .http(status: 405, code: "no_active_subscription") { continue }
                throw error
            }
            if let usage = document["customer_usage"] { usages.append(LagoDecoding.usage(usage)) }
        }
        return usages
    }

    /// Totals of the current billing period (Lago computes usage per billing period, not for arbitrary ranges).
    public func totals(customerID: String, period: Period) async throws -> [UsageTotal] {
        let merged = LagoDecoding.merge(try await currentUsage(customerID: customerID))
        return try await metrics().map { metric in
            let entry = merged[metric.code]
            return UsageTotal(metric: metric, value: entry?.units ?? 0, eventCount: entry?.events ?? 0,
                              amountCents: entry?.cents ?? 0, currency: entry?.currency)
        }
    }

    public func summaries(metric: Metric, period: Period, trailingDays: Int, now: Date) async throws -> [CustomerSummary] {
        var rows: [CustomerSummary] = []
        for customer in try await customers() {
            let merged = LagoDecoding.merge(try await currentUsage(customerID: customer.id))
            rows.append(CustomerSummary(customer: customer, total: merged[metric.code]?.units ?? 0, daily: [], lastEventAt: nil))
        }
        return rows
    }

    /// One point per past billing period (and the current one), at the period start.
    public func timeseries(metric: Metric, customerID: String?, period: Period, bucket: Bucket) async throws -> TimeSeries {
        guard let customerID else { throw UsageError(.unsupported, "client-wide timeseries not offered by lago") }
        var points: [Date: Decimal] = [:]
        for subscription in try await subscriptions(customerID: customerID) {
            let documents = try await pages(
                "/customers/\(APIClient.segment(customerID))/past_usage", root: "usage_periods",
                query: [("external_subscription_id", subscription), ("billable_metric_code", metric.code)])
            for usage in documents.map(LagoDecoding.usage) {
                guard let from = usage.from else { continue }
                points[from, default: 0] += usage.charges.filter { $0.metric.code == metric.code }.reduce(0) { $0 + $1.units }
            }
        }
        let series = points.sorted { $0.key < $1.key }.map { TimeSeries.Point(start: $0.key, value: $0.value) }
        return TimeSeries(metricCode: metric.code, bucket: .month, points: series, total: series.reduce(0) { $0 + $1.value })
    }

    public func events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int) async throws
        -> Page<UsageEvent>
    {
        guard let subscription = try await subscriptions(customerID: customerID).first else {
            return Page(items: [], index: page, size: pageSize, totalCount: 0)
        }
        let document = try await api.get("/events", query: [
            ("external_subscription_id", subscription), ("code", metric.code),
            ("timestamp_from", UTCTime.iso(period.start)), ("timestamp_to", UTCTime.iso(period.end)),
            ("page", String(page + 1)), ("per_page", String(pageSize)),
        ])
        let items = (document["events"]?.arrayValue ?? []).compactMap { LagoDecoding.event($0, customerID: customerID) }
        let total = document["meta"]?["total_count"]?.intValue ?? (page * pageSize + items.count)
        return Page(items: items, index: page, size: pageSize, totalCount: total)
    }

    /// Every item under `root` across `page`/`per_page` pages, following `meta.next_page` forward until a page comes
    /// back empty; more than the configured number of pages is an error.
    private func pages(_ path: String, root: String, query: [(String, String)] = []) async throws(APIError) -> [JSONValue] {
        var items: [JSONValue] = []
        var page = 1
        for _ in 0..<api.configuration.maxPages {
            let document = try await api.get(path, query: query + [("page", String(page)), ("per_page", String(pageSize))])
            let found = document[root]?.arrayValue ?? []
            items += found
            guard !found.isEmpty, let next = LagoDecoding.nextPage(document), next > page else { return items }
            page = next
        }
        throw api.configuration.tooManyPages(path)
    }
}
