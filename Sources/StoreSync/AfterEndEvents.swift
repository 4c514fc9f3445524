import Foundation
import UsageCore

/// What a reconcile asks the provider itself: the events each subscription received after its last billed period
/// ended (a terminated subscription). Sync never copies them (the store holds what the provider bills), so only
/// the provider can say they exist; each subscription's are priced under its plan as the provider serves it.
public struct AfterEndEvents: Sendable {
    let provider: any UsageProvider
    let now: Date

    /// A check against `provider`, up to `now`.
    public init(provider: any UsageProvider, now: Date) {
        self.provider = provider
        self.now = now
    }

    /// A line per subscription, metric and charge of `report` whose last billed period ended before `now` and inside
    /// the period asked, for the events listed after that end (none when the provider lists no events).
    public func lines(_ report: ReconcileReport) async throws -> [ReconcileLine] {
        guard let listing = provider as? any EventListing else { return [] }
        let horizon = min(now, report.period.end)
        let billed = Dictionary(grouping: report.lines.filter { $0.subscription != nil && !$0.isUnbilled }) {
            [$0.customer.id, $0.subscription!]
        }
        var lines: [ReconcileLine] = []
        for key in billed.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let mine = billed[key]!
            guard let end = mine.map(\.period.end).max(), end < horizon else { continue }
            var plans: [String: String]?
            for code in Set(mine.map(\.metricCode)).sorted() {
                guard let metric = try await provider.metrics().first(where: { $0.code == code }) else { continue }
                var events: [UsageEvent] = []
                try await listing.forEachEventPage(
                    customerID: key[0], metric: metric, period: Period(start: end, end: horizon),
                    subscription: key[1]
                ) { page in events += page.items }
                guard !events.isEmpty else { continue }
                if plans == nil { plans = try await (provider as? any PlanListing)?.plans(customerID: key[0]) ?? [:] }
                let plan = try plans?[key[1]].map { try PricePlan(lago: JSONParser.parse($0), at: "plan of \(key[1])") }
                lines += ReconcileLine.unbilled(
                    customer: mine[0].customer, metric: metric, subscription: key[1], events: events,
                    period: Period(start: end, end: horizon),
                    cause: ReconcileLine.afterEnd(end), plan: plan)
            }
        }
        return lines
    }
}
