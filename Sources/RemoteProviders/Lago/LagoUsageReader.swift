import Foundation
import UsageCore

/// Reads a customer's Lago usage for a requested period as Lago can answer it: whole billing periods, per
/// subscription. The current period comes from `current_usage`; earlier (invoiced) periods from `past_usage`, read
/// only when the request reaches back before the current period, for active and terminated subscriptions alike.
struct LagoUsageReader: Sendable {
    /// One subscription, as `GET /subscriptions` lists it.
    struct Subscription: Sendable, Hashable {
        var id: String
        var isActive: Bool
        var startedAt: Date?
        var terminatedAt: Date?
        /// The code of the plan it is billed under.
        var planCode: String?
        /// The plan itself, when the listing includes it (with the subscription's overrides).
        var plan: JSONValue?
    }

    let api: APIClient
    let pageSize = 100
    /// Optional endpoints this server turned out not to offer.
    let features = EndpointMemory()

    /// The customer's active and terminated subscriptions: one listing, read once per load, and once per customer
    /// for a whole sync pass (`WorkMemo`), not once per metric.
    func subscriptions(customerID: String) async throws(APIError) -> [Subscription] {
        do {
            return try await WorkMemo.reuse("lago subscriptions \(api.configuration.baseURL) \(customerID)") {
                try await listSubscriptions(customerID: customerID)
            }
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(provider: api.configuration.providerName, kind: .cancelled, message: "cancelled")
        }
    }

    private func listSubscriptions(customerID: String) async throws(APIError) -> [Subscription] {
        let query = [("external_customer_id", customerID), ("status[]", "active"), ("status[]", "terminated")]
        return try await pages("/subscriptions", root: "subscriptions", query: query).compactMap { item in
            guard let id = item["external_id"].nonEmptyText else { return nil }
            let status = item["status"]?.stringValue
            return Subscription(
                id: id, isActive: status == nil || status == "active",
                startedAt: item["started_at"]?.stringValue.flatMap(ISO8601Parser.parse),
                terminatedAt: item["terminated_at"]?.stringValue.flatMap(ISO8601Parser.parse),
                planCode: item["plan_code"].nonEmptyText, plan: item["plan"].flatMap { $0["charges"] == nil ? nil : $0 }
            )
        }
    }

    /// Every billing period of every subscription that overlaps `period`, with its usage; `metricCode` narrows
    /// the charges read, `taxes` asks Lago to compute taxes on the current period. Subscriptions run concurrently.
    func usages(customerID: String, period: Period, metricCode: String? = nil, taxes: Bool = false) async throws
        -> [LagoDecoding.Usage]
    {
        let subscriptions = try await subscriptions(customerID: customerID).filter { subscription in
            (subscription.startedAt.map { $0 < period.end } ?? true)
                && (subscription.terminatedAt.map { $0 >= period.start } ?? true)
        }
        let perSubscription = try await ConcurrentMap.map(subscriptions, limit: api.concurrency) { subscription in
            try await usages(
                customerID: customerID, subscription: subscription, period: period, metricCode: metricCode,
                taxes: taxes)
        }
        return perSubscription.flatMap { $0 }
    }

    private func usages(
        customerID: String, subscription: Subscription, period: Period, metricCode: String?, taxes: Bool
    )
        async throws(APIError) -> [LagoDecoding.Usage]
    {
        var found: [LagoDecoding.Usage] = []
        if subscription.isActive, let current = try await currentUsage(customerID, subscription.id, metricCode, taxes) {
            found.append(current)
        }
        let currentStart = found.first?.period?.start
        if currentStart.map({ period.start < $0 }) ?? true {
            var query = [("external_subscription_id", subscription.id)]
            if let metricCode { query.append(("billable_metric_code", metricCode)) }
            let past = try await pages(
                "/customers/\(APIClient.segment(customerID))/past_usage", root: "usage_periods",
                query: query)
            found += past.map(LagoDecoding.usage).filter { usage in
                currentStart.map { usage.period?.start != $0 } ?? true
            }
        }
        return found.compactMap { usage in
            guard let answered = usage.period, answered.start < period.end, period.start < answered.end else {
                return nil
            }
            var owned = usage
            owned.subscription = subscription.id
            return owned
        }
    }

    /// The amount the subscription's current period is projected to reach, or nil when Lago has no projection for
    /// this organisation (403 `projected_usage_not_enabled`, remembered for the run) or cannot answer now.
    func projectedCents(customerID: String, subscription: String) async -> Int? {
        if features.isMissing("projected_usage") { return nil }
        do {
            let document = try await api.get(
                "/customers/\(APIClient.segment(customerID))/projected_usage",
                query: [("external_subscription_id", subscription), ("apply_taxes", "false")])
            return document["customer_projected_usage"]?["projected_amount_cents"]?.intValue
        } catch {
            if error.status == 403 || error.status == 404 { features.rememberMissing("projected_usage") }
            return nil
        }
    }

    /// The subscription's current billing period, or nil when Lago says it is no longer active.
    private func currentUsage(_ customerID: String, _ subscription: String, _ metricCode: String?, _ taxes: Bool)
        async throws(APIError) -> LagoDecoding.Usage?
    {
        var query = [("external_subscription_id", subscription), ("apply_taxes", taxes ? "true" : "false")]
        if let metricCode { query.append(("billable_metric_code", metricCode)) }
        do {
            let document = try await api.get("/customers/\(APIClient.segment(customerID))/current_usage", query: query)
            return document["customer_usage"].map(LagoDecoding.usage)
        } catch {
            if error.kind == .http(status: 405, code: "no_active_subscription") { return nil }
            throw error
        }
    }

    /// Every item under `root`: page 1 first, then, when `meta.total_pages` says how many there are, the rest
    /// concurrently (in page order); without it, one page after another.
    func allPages(_ path: String, root: String) async throws -> [JSONValue] {
        let first = try await api.get(path, query: [("page", "1"), ("per_page", String(pageSize))])
        let items = first[root]?.arrayValue ?? []
        guard let pages = first["meta"]?["total_pages"]?.intValue, LagoDecoding.nextPage(first) == 2, !items.isEmpty
        else {
            return try await self.pages(path, root: root, after: first)
        }
        guard pages <= api.configuration.maxPages else { throw api.configuration.tooManyPages(path) }
        let rest = try await ConcurrentMap.map(Array(2...max(2, pages)), limit: api.concurrency) {
            [api, pageSize] page in
            try await api.get(path, query: [("page", String(page)), ("per_page", String(pageSize))])[root]?.arrayValue
                ?? []
        }
        var guardrail = PageGuard(limit: api.configuration.maxPages)
        for page in [items] + rest {
            if let problem = guardrail.problem(admitting: page, more: false) {
                throw api.configuration.pagingProblem(path, problem)
            }
        }
        return items + rest.flatMap { $0 }
    }

    /// Every item under `root` across `page`/`per_page` pages (page 1 given as `first` when already read), following
    /// `meta.next_page` forward until a page comes back empty; more than the configured number of pages is an error.
    func pages(_ path: String, root: String, query: [(String, String)] = [], after first: JSONValue? = nil)
        async throws(APIError) -> [JSONValue]
    {
        var items: [JSONValue] = []
        var page = 1
        var guardrail = PageGuard(limit: api.configuration.maxPages)
        while true {
            let document: JSONValue
            if page == 1, let first {
                document = first
            } else {
                document = try await api.get(
                    path, query: query + [("page", String(page)), ("per_page", String(pageSize))])
            }
            let found = document[root]?.arrayValue ?? []
            let next = found.isEmpty ? nil : LagoDecoding.nextPage(document).flatMap { $0 > page ? $0 : nil }
            if let problem = guardrail.problem(admitting: found, more: next != nil) {
                throw api.configuration.pagingProblem(path, problem)
            }
            items += found
            guard let next else { return items }
            page = next
        }
    }
}
