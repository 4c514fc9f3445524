import Foundation
import StoreCore
import UsageCore

/// Reads, day by day, a provider's own totals of the metrics the store cannot add up from events (or of every
/// metric, for a provider that lists no events) from a provider that answers any whole days (Prolifi, Hyperline),
/// and keeps them in the store as dated readings (`BilledRow`), so their history builds up there. Metrics that add
/// up over days (count, sum, max) are read a day at a time, the others a month at a time; a day or month is read
/// again until a reading taken after it ended is kept (or always, when `again`: a check found it changed). A
/// provider that bills per period (Lago) needs none of this: its readings are the totals the pass reads anyway.
struct BilledSnapshot: Sendable {
    let context: SyncContext

    /// One customer's readings of `metrics` over the pass's window; a failure becomes one line.
    func take(_ metrics: [Metric], of customer: Customer, again: Bool = false) async -> SyncReport {
        var report = SyncReport()
        let window = context.window
        guard !metrics.isEmpty, window.start < window.end else { return report }
        do {
            let takenMs = UTCTime.milliseconds(window.end)
            var rows: [BilledRow] = []
            for (period, codes) in try await periods(metrics, of: customer, again: again) {
                let totals = try await context.provider.totals(customerID: customer.id, period: period)
                let answered = totals.filter { codes.contains($0.metric.code) }
                rows += answered.map { total in
                    BilledRow(
                        customerID: customer.id, metricCode: total.metric.code, charge: total.charge ?? "",
                        period: total.period ?? period, value: total.value, eventCount: total.eventCount,
                        amountCents: total.amountCents, currency: total.currency, takenMs: takenMs)
                }
                // A metric the provider names no total for counted none that day: kept as a zero, so a quiet day is
                // not read again on every pass.
                for code in codes.subtracting(answered.map(\.metric.code)).sorted() {
                    rows.append(
                        BilledRow(
                            customerID: customer.id, metricCode: code, charge: "", period: period, value: 0,
                            eventCount: 0, amountCents: nil, currency: nil, takenMs: takenMs))
                }
            }
            try await context.store.recordBilled(rows, source: context.source)
            report.readings = rows.count
        } catch {
            report.failures.append(
                "\(customer.id) billed totals: \(UsageError.wrapping(error, context: context.source).message)")
        }
        return report
    }

    /// The periods to read, each with the metric codes it is read for.
    private func periods(_ metrics: [Metric], of customer: Customer, again: Bool) async throws(UsageError)
        -> [(Period, Set<String>)]
    {
        let window = context.window
        let kept = try await context.store.billedRows(customer: customer.id, period: window)
        let closed = again ? [] : Set(kept.filter(\.isClosed).map { "\($0.metricCode)/\($0.startMs)/\($0.endMs)" })
        let daily = Set(metrics.filter { [.count, .sum, .max].contains($0.aggregation) }.map(\.code))
        let monthly = Set(metrics.map(\.code)).subtracting(daily)
        var periods: [(Period, Set<String>)] = []
        if !daily.isEmpty { periods += Self.days(since: window.start, now: window.end).map { ($0, daily) } }
        if !monthly.isEmpty { periods += Self.months(since: window.start, now: window.end).map { ($0, monthly) } }
        return periods.compactMap { period, codes in
            let span = "\(UTCTime.milliseconds(period.start))/\(UTCTime.milliseconds(period.end))"
            let open = codes.filter { !closed.contains("\($0)/\(span)") }
            return open.isEmpty ? nil : (period, open)
        }
    }

    /// Whole UTC days from the one holding `since` to the one holding `now`.
    static func days(since: Date, now: Date) -> [Period] {
        var day = UTCTime.startOfDay(since)
        var days: [Period] = []
        while day < now {
            let next = day.addingTimeInterval(86_400)
            days.append(Period(start: day, end: next))
            day = next
        }
        return days
    }

    /// Calendar months (UTC) from the one holding `since` to the one holding `now`.
    static func months(since: Date, now: Date) -> [Period] {
        var month = UTCTime.startOfMonth(since)
        var months: [Period] = []
        while month < now {
            let next = UTCTime.addingMonths(1, to: month)
            months.append(Period(start: month, end: next))
            month = next
        }
        return months
    }
}
