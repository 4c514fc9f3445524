import Foundation
import UsageCore

extension HyperlineProvider: ActivityCounting {
    /// The client-wide events of every aggregator over the stretch, counted by `meta.total` (one event a page, one
    /// call an aggregator): an event that several aggregators select counts once for each, the same every pass. A
    /// server without client-wide events is `unsupported`: sync then reads every customer.
    public func eventCount(in period: Period) async throws -> Int {
        let counts = try await ConcurrentMap.map(try await metrics(), limit: api.concurrency) { metric in
            let document = try await clientWide(metric, period: period, skip: 0, take: 1)
            guard let total = document["meta"]?["total"]?.intValue, total >= 0 else {
                throw APIError(
                    provider: name, kind: .malformed,
                    message: "client-wide events of \(metric.code) gave no meta.total; the count that finds changes")
            }
            return total
        }
        return counts.reduce(0, +)
    }

    /// `GET /v1/customers` with one customer a page: its `meta.total`.
    public func customerCount() async throws -> Int {
        try await api.announcedCount(
            "/v1/customers", query: [("take", "1"), ("skip", "0")], key: "total",
            purpose: "hyperline's customer count tells sync of new customers")
    }

    /// Every aggregator's client-wide events of the stretch, a hundred a page, keyed as sync keeps them
    /// (`aggregator/id`, no subscription).
    public func activity(in period: Period) async throws -> EventActivity {
        var activity = EventActivity()
        for metric in try await metrics() {
            var guardrail = PageGuard(limit: PageGuard.eventPages)
            var skip = 0
            while true {
                let document = try await clientWide(metric, period: period, skip: skip, take: take)
                let listed = document["data"]?.arrayValue ?? []
                for item in listed {
                    guard let id = item["id"].nonEmptyText,
                        let at = item["timestamp"]?.stringValue.flatMap(ISO8601Parser.parse)
                    else { continue }
                    activity.hours[EventActivity.hour(of: at), default: 0] += 1
                    activity.events.append(
                        EventActivity.Listed(
                            subscription: "", transactionID: "\(metric.code)/\(id)", ms: UTCTime.milliseconds(at)))
                }
                skip += listed.count
                let last = listed.isEmpty || skip >= (document["meta"]?["total"]?.intValue ?? skip)
                if let problem = guardrail.problem(admitting: listed, more: !last) {
                    throw api.configuration.pagingProblem("/v1/aggregators/\(metric.code)/usage/events", problem)
                }
                if last { break }
            }
        }
        return activity
    }

    /// Hyperline's client-wide events name no customer: the customers with usage of each aggregator over the
    /// stretches that hold its fresh events and none it already held (`group-by-customer` over each), or nil when the
    /// server lacks that endpoint.
    public func owners(of fresh: [EventActivity.Listed], listed: [EventActivity.Listed]) async throws -> Set<String>? {
        let new = Set(fresh)
        var customers = Set<String>()
        for metric in try await metrics() {
            let mine = listed.filter { $0.transactionID.hasPrefix(metric.code + "/") }
            for stretch in Self.runs(of: mine, fresh: new) {
                guard let totals = try await groupedTotals(metric: metric, period: stretch, onPage: { _ in }) else {
                    return nil
                }
                customers.formUnion(totals.keys)
            }
        }
        return customers
    }

    /// The stretches of time that hold runs of `fresh` events of `events` with none of the others among them (each
    /// from a millisecond before its first event to two after its last, as a listed time may be rounded).
    static func runs(of events: [EventActivity.Listed], fresh: Set<EventActivity.Listed>) -> [Period] {
        var runs: [(Int64, Int64)] = []
        var open = false
        for event in events.sorted(by: { $0.ms < $1.ms }) {
            guard fresh.contains(event) else {
                open = false
                continue
            }
            if open, let last = runs.last {
                runs[runs.count - 1] = (last.0, event.ms + 2)
            } else {
                runs.append((event.ms - 1, event.ms + 2))
                open = true
            }
        }
        return runs.map {
            Period(
                start: Date(timeIntervalSince1970: Double($0.0) / 1000),
                end: Date(timeIntervalSince1970: Double($0.1) / 1000))
        }
    }

    /// A page of an aggregator's client-wide events; a server without them is `unsupported`.
    private func clientWide(_ metric: Metric, period: Period, skip: Int, take: Int) async throws -> JSONValue {
        do {
            return try await read(
                "/v1/aggregators/\(APIClient.segment(metric.code))/usage/events", family: "events", period: period,
                extra: [("take", String(take)), ("skip", String(skip))])
        } catch {
            guard error.status == 404 || error.status == 405 else { throw error }
            throw UsageError(.unsupported, "hyperline offers no client-wide events here")
        }
    }
}
