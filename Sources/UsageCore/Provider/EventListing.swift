import Foundation

/// A provider that lists raw events (the stores, Lago, Hyperline; Prolifi keeps only counts). The data service and
/// sync find the feature by this conformance: a provider without it has no events view and is copied as totals.
public protocol EventListing: UsageProvider {
    /// One page (zero-based) of raw events, in the provider's own order (the page says which).
    func events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int) async throws
        -> Page<UsageEvent>
    /// One page of raw events in the order asked and matching the query's properties, where the provider can.
    func events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int, query: EventQuery)
        async throws -> Page<UsageEvent>
    /// Every event of a customer's metric over `period` (of one subscription's when given: a provider that keys events
    /// by subscription), handed to `body` a page at a time in any order, each event read once (what a copy reads; a
    /// page names the events it could not read).
    func forEachEventPage(
        customerID: String, metric: Metric, period: Period, subscription: String?,
        _ body: (Page<UsageEvent>) async throws -> Void
    ) async throws
}

extension EventListing {
    /// Providers without server-side order or property filters: their own order (the page says which); a property
    /// filter is refused rather than applied to one page.
    public func events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int, query: EventQuery)
        async throws -> Page<UsageEvent>
    {
        guard query.matches.isEmpty else { throw UsageError(.unsupported, "property filters not offered by \(name)") }
        guard query.text == nil else { throw UsageError(.unsupported, "event search not offered by \(name)") }
        return try await events(customerID: customerID, metric: metric, period: period, page: page, pageSize: pageSize)
    }

    /// Page after page of `events`, a hundred at a time, until the last; a page that repeats the one before it, or
    /// more pages than `PageGuard.eventPages`, ends the read with an error (never with part of the events).
    public func forEachEventPage(
        customerID: String, metric: Metric, period: Period, subscription: String?,
        _ body: (Page<UsageEvent>) async throws -> Void
    ) async throws {
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
            if last { return }
            page += 1
        }
    }
}
