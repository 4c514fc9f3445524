import Foundation
import UsageCore

/// A customer's Lago events for one metric, across every subscription that overlaps the period: Lago lists events
/// per subscription, newest first, so one merged page `p` takes the newest `(p + 1) × size` of each subscription,
/// merges them newest first and keeps the page's slice. Lago's `timestamp_to` is inclusive, so the half-open end is
/// sent as its last millisecond.
struct LagoEventPager: Sendable {
    let api: APIClient
    let reader: LagoUsageReader

    /// One page (zero-based) of the merged events, newest first, with the count over all subscriptions.
    func page(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int) async throws -> Page<
        UsageEvent
    > {
        let size = max(1, min(pageSize, 1_000)), index = max(0, page)
        let subscriptions = try await overlapping(customerID: customerID, period: period)
        guard !subscriptions.isEmpty else {
            return Page(items: [], index: index, size: size, totalCount: 0, newestFirst: true)
        }
        if subscriptions.count == 1 {
            let one = try await read(subscriptions[0].id, customerID, metric, period, page: index + 1, size: size)
            return Page(
                items: one.items, index: index, size: size, totalCount: one.total, newestFirst: true,
                unreadable: one.unreadable)
        }
        let (depth, overflow) = (index + 1).multipliedReportingOverflow(by: size)
        guard !overflow, depth <= 100_000 else {
            throw UsageError(.invalidInput, "lago: events page \(index + 1) is too deep to merge across subscriptions")
        }
        let heads = try await ConcurrentMap.map(subscriptions, limit: api.concurrency) { subscription in
            try await head(subscription.id, customerID, metric, period, count: depth, size: size)
        }
        let merged = heads.flatMap(\.items).sorted {
            ($0.timestamp, $0.transactionID) > ($1.timestamp, $1.transactionID)
        }
        let slice = merged.dropFirst(index * size).prefix(size)
        return Page(
            items: Array(slice), index: index, size: size, totalCount: heads.reduce(0) { $0 + $1.total },
            newestFirst: true)
    }

    /// Every event of one subscription, or of every subscription that overlaps the period, a subscription's pages in
    /// turn (no merging, so each event is read once).
    func forEachPage(
        customerID: String, metric: Metric, period: Period, subscription: String?,
        _ body: (Page<UsageEvent>) async throws -> Void
    ) async throws {
        let ids =
            if let subscription { [subscription] } else {
                try await overlapping(customerID: customerID, period: period).map(\.id)
            }
        for subscription in ids {
            var guardrail = PageGuard(limit: PageGuard.eventPages)
            var page = 1
            while true {
                let one = try await read(subscription, customerID, metric, period, page: page, size: 100)
                let last = one.listed < 100 || page * 100 >= one.total
                if let problem = guardrail.problem(admitting: one.items, more: !last) {
                    throw api.configuration.pagingProblem("/events", problem)
                }
                try await body(
                    Page(
                        items: one.items, index: page - 1, size: 100, totalCount: one.total, newestFirst: true,
                        unreadable: one.unreadable))
                if last { break }
                page += 1
            }
        }
    }

    /// The newest `count` events of one subscription, read `size` at a time, and its total.
    private func head(
        _ subscription: String, _ customerID: String, _ metric: Metric, _ period: Period, count: Int,
        size: Int
    ) async throws(APIError) -> (items: [UsageEvent], total: Int) {
        var items: [UsageEvent] = [], total = 0, page = 1
        while items.count < count, page <= api.configuration.maxPages {
            let one = try await read(subscription, customerID, metric, period, page: page, size: size)
            items += one.items
            total = one.total
            if one.items.count < size || items.count >= total { break }
            page += 1
        }
        return (Array(items.prefix(count)), total)
    }

    private func overlapping(customerID: String, period: Period) async throws -> [LagoUsageReader.Subscription] {
        try await reader.subscriptions(customerID: customerID).filter { subscription in
            (subscription.startedAt.map { $0 < period.end } ?? true)
                && (subscription.terminatedAt.map { $0 >= period.start } ?? true)
        }
    }

    /// One page of a subscription's events: those read, those that could not be (named), how many were listed, and
    /// the total Lago announces.
    private func read(
        _ subscription: String, _ customerID: String, _ metric: Metric, _ period: Period, page: Int,
        size: Int
    ) async throws(APIError) -> (items: [UsageEvent], unreadable: [String], listed: Int, total: Int) {
        let lastMillisecond = period.end > period.start ? period.end.addingTimeInterval(-0.001) : period.end
        let document = try await api.get(
            "/events",
            query: [
                ("external_subscription_id", subscription), ("code", metric.code),
                ("timestamp_from", UTCTime.iso(period.start)), ("timestamp_to", UTCTime.iso(lastMillisecond)),
                ("page", String(page)), ("per_page", String(size)),
            ])
        let listed = document["events"]?.arrayValue ?? []
        var items: [UsageEvent] = [], unreadable: [String] = []
        for item in listed {
            switch LagoDecoding.event(item, customerID: customerID) {
            case .success(let event): items.append(event)
            case .failure(let problem): unreadable.append(problem.reason)
            }
        }
        let total = document["meta"]?["total_count"]?.intValue ?? ((page - 1) * size + listed.count)
        return (items, unreadable, listed.count, total)
    }
}
