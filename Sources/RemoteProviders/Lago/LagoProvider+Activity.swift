import Foundation
import UsageCore

extension LagoProvider: ActivityCounting {
    /// `GET /events` without a subscription lists the whole organisation's events; its `meta.total_count` over the
    /// stretch is the count (one event a page, so the answer is small). Lago's `timestamp_to` is inclusive, so the
    /// half-open end is sent as its last millisecond.
    public func eventCount(in period: Period) async throws -> Int {
        try await api.announcedCount(
            "/events", query: Self.stretch(period) + [("page", "1"), ("per_page", "1")], key: "total_count",
            purpose: "lago's event count is needed to find what changed")
    }

    /// `GET /customers` with one customer a page: its `meta.total_count`.
    public func customerCount() async throws -> Int {
        try await api.announcedCount(
            "/customers", query: [("page", "1"), ("per_page", "1")], key: "total_count",
            purpose: "lago's customer count tells sync of new customers")
    }

    /// The organisation's events of `period`, a hundred a page, newest first. An event listed twice because others
    /// arrived while paging counts twice: the next pass's count then differs and reads the hour again.
    public func activity(in period: Period) async throws -> EventActivity {
        var activity = EventActivity()
        var guardrail = PageGuard(limit: PageGuard.eventPages)
        var page = 1
        while true {
            let document = try await api.get(
                "/events", query: Self.stretch(period) + [("page", String(page)), ("per_page", "100")])
            let listed = document["events"]?.arrayValue ?? []
            for item in listed {
                guard case .success(let event) = LagoDecoding.event(item, customerID: "") else { continue }
                activity.hours[EventActivity.hour(of: event.timestamp), default: 0] += 1
                if let subscription = event.subscriptionID {
                    activity.events.append(
                        EventActivity.Listed(
                            subscription: subscription, transactionID: event.transactionID,
                            ms: UTCTime.milliseconds(event.timestamp)))
                }
            }
            let total = document["meta"]?["total_count"]?.intValue ?? 0
            let last = listed.count < 100 || page * 100 >= total
            if let problem = guardrail.problem(admitting: listed, more: !last) {
                throw api.configuration.pagingProblem("/events", problem)
            }
            if last { break }
            page += 1
        }
        return activity
    }

    /// The customer of each event's subscription, from `GET /subscriptions/{id}` (terminated ones too), each
    /// subscription asked once a day.
    public func owners(of fresh: [EventActivity.Listed], listed: [EventActivity.Listed]) async throws -> Set<String>? {
        let ids = Set(fresh.map(\.subscription)).sorted()
        let found = try await ConcurrentMap.map(ids, limit: api.concurrency) { subscription in
            try await owner(of: subscription)
        }
        return Set(found.compactMap { $0 })
    }

    /// The customer a subscription belongs to (nil when Lago knows it no more).
    private func owner(of subscription: String) async throws -> String? {
        let customer = try await owners.value(key: subscription) {
            let path = "/subscriptions/\(APIClient.segment(subscription))"
            for status in ["active", "terminated"] {
                if let id = try await found(path, query: [("status", status)])?["subscription"]?[
                    "external_customer_id"
                ].nonEmptyText {
                    return id
                }
            }
            return ""
        }
        return customer.isEmpty ? nil : customer
    }

    /// The query of a half-open stretch: Lago's bounds are both inclusive.
    private static func stretch(_ period: Period) -> [(String, String)] {
        let last = period.end > period.start ? period.end.addingTimeInterval(-0.001) : period.end
        return [("timestamp_from", UTCTime.iso(period.start)), ("timestamp_to", UTCTime.iso(last))]
    }
}
