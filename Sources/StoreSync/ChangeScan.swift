import Foundation
import UsageCore

/// Finds what changed at a provider since sync's last pass from its organisation-wide event counts, without asking
/// each customer: the counts of each hour of the window as the last pass saw them are compared with the provider's
/// count now, one call for the whole window; where they differ the stretch is halved (one count a half, the other
/// half's count following from it) until a stretch is one hour or was never seen, and that stretch's events are
/// listed to learn their events and hours. Halving down to the hour keeps the events listed to those of the hours that
/// changed; sync then reads the customers of the ones its store does not hold (`EventStore.held`).
///
/// A quiet pass costs one call; new events cost a count per halving and their stretch's pages; an event that
/// reached the provider late changes its hour's count however old it is. An event can only add to a count, so a
/// stretch whose count is unchanged holds the same events.
struct ChangeScan: Sendable {
    let counter: any ActivityCounting

    /// What the scan found.
    struct Outcome: Sendable, Equatable {
        /// The events of the stretches that were listed (those of hours that changed, or were never seen).
        var events: [EventActivity.Listed] = []
        /// The provider's count of each hour of the window (the hour's start, in seconds since 1970), as known now.
        var hours: [Int64: Int] = [:]
        /// The provider's count over the whole window.
        var total = 0
        /// Hours whose events were listed.
        var listedHours = 0
    }

    /// Compares the provider's counts over `window` (from the start of its first hour) with `kept`, the counts the
    /// last pass saw; hours before the window are forgotten.
    func scan(kept: [Int64: Int], window: Period) async throws -> Outcome {
        let first = EventActivity.hour(of: window.start)
        let slots = Int((EventActivity.hour(of: window.end) - first) / 3_600) + 1
        func stretch(_ low: Int, _ high: Int) -> Period {
            Period(
                start: Date(timeIntervalSince1970: Double(first + Int64(low) * 3_600)),
                end: min(window.end, Date(timeIntervalSince1970: Double(first + Int64(high) * 3_600))))
        }
        func keptCount(_ low: Int, _ high: Int) -> Int {
            (low..<high).reduce(0) { $0 + (outcome.hours[first + Int64($1) * 3_600] ?? 0) }
        }
        var outcome = Outcome(hours: kept.filter { $0.key >= first })
        outcome.total = try await counter.eventCount(in: stretch(0, slots))
        var pending = [(low: 0, high: slots, count: outcome.total)]
        while let (low, high, count) = pending.popLast() {
            let seen = keptCount(low, high)
            if count == seen { continue }
            if seen == 0 || high - low == 1 {
                let activity = try await counter.activity(in: stretch(low, high))
                outcome.events += activity.events
                outcome.listedHours += high - low
                for slot in low..<high { outcome.hours[first + Int64(slot) * 3_600] = nil }
                for (hour, events) in activity.hours where events > 0 { outcome.hours[hour] = events }
                continue
            }
            let middle = (low + high) / 2
            let left = try await counter.eventCount(in: stretch(low, middle))
            pending.append((middle, high, count - left))
            pending.append((low, middle, left))
        }
        return outcome
    }
}
