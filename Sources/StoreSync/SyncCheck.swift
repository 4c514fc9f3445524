import Foundation
import StoreCore
import UsageCore

/// One customer's metric over one period (of one subscription, where the provider bills per subscription) as the
/// provider counts it, and whether the store's copy says the same.
struct SyncCheck: Sendable, Hashable {
    /// The metric's code.
    var metric: String
    /// The subscription, for a provider that bills per subscription (Lago).
    var subscription: String?
    /// The period the provider counted (a billing period, whole days, or the pass's window).
    var period: Period
    /// The provider's value.
    var value: Decimal
    /// The provider's count of events, when it gives one.
    var events: Int?

    /// The checks a provider's totals call for: one per metric, subscription and period; of a metric's charges (each
    /// counts all of its events) the metric's own value, which a charge with filters of a max metric does not bill.
    static func of(_ totals: [UsageTotal], asked: Period) -> [SyncCheck] {
        var checks: [[String]: SyncCheck] = [:]
        for total in totals {
            let period = total.period ?? asked
            let key = [
                total.metric.code, total.subscription ?? "", "\(period.start.timeIntervalSince1970)",
                "\(period.end.timeIntervalSince1970)",
            ]
            var check =
                checks[key]
                ?? SyncCheck(
                    metric: total.metric.code, subscription: total.subscription, period: period,
                    value: total.eventsValue ?? total.value, events: total.eventCount)
            check.value = max(check.value, total.eventsValue ?? total.value)
            if let events = total.eventCount { check.events = max(check.events ?? events, events) }
            checks[key] = check
        }
        return checks.values.sorted {
            ($0.metric, $0.subscription ?? "", $0.period.start) < ($1.metric, $1.subscription ?? "", $1.period.start)
        }
    }

    /// Whether the store's copy holds what the provider counts.
    func agrees(with copy: CopiedEvents) -> Bool {
        copy.value == value && (events.map { $0 == copy.events } ?? true)
    }

    /// Whether a reading kept in the store says what the provider says.
    func agrees(with value: Decimal) -> Bool { value == self.value }

    /// Where the check is, for a line: `acme api_calls 2026-11-01 → 2026-12-01 (sub_1)`.
    func place(customer: String) -> String {
        "\(customer) \(metric) \(PeriodText.span(period))" + (subscription.map { " (\($0))" } ?? "")
    }

    /// The line for a copy that still disagrees after being read again, with both numbers and the likely cause.
    func disagreement(customer: String, copy: CopiedEvents, provider: String, refused: Int) -> String {
        let numbers =
            "store \(DecimalText.format(copy.value)) in \(copy.events) events, \(provider) \(DecimalText.format(value))"
            + (events.map { " in \($0) events" } ?? "")
        let cause: String
        if refused > 0 {
            cause = "\(refused) events the store could not keep (named above)"
        } else if let events, copy.events < events {
            cause =
                "\(events - copy.events) events \(provider) counts but does not list (deleted or still being processed)"
        } else if let events, copy.events > events {
            cause =
                "the store holds \(copy.events - events) events \(provider) does not bill (outside the billing period, or removed there)"
        } else {
            cause =
                "the same events add up differently (values changed at \(provider) after they were copied, or it rounds them)"
        }
        return "\(place(customer: customer)): \(numbers): \(cause)"
    }

    /// The line for a kept reading that disagrees with the provider.
    func disagreement(customer: String, reading: Decimal?, provider: String) -> String {
        let kept = reading.map(DecimalText.format) ?? "nothing"
        return
            "\(place(customer: customer)): store \(kept), \(provider) \(DecimalText.format(value)): the reading kept differs from the provider's (read again next pass)"
    }
}
