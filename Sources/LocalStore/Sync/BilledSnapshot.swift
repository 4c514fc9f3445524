import Foundation
import UsageCore

/// Reads a provider's own totals of the metrics the store cannot add up from events (or of every metric, for a
/// provider that lists no events) and keeps them in the store as dated readings (`BilledRow`), so their history
/// builds up there even where the provider answers only the current period.
///
/// A provider that answers any whole days (`periodTotals`: Prolifi, Hyperline) is read day by day for metrics that
/// add up over days (count, sum, max) and month by month for the others; a day or month is read again until a
/// reading taken after it ended is kept. A provider that answers billing periods (Lago) is read once a pass over
/// `since` to now: a row per charge and billing period, labelled with it.
struct BilledSnapshot: Sendable {
    let provider: any UsageProvider
    let store: any EventStore
    let source: String

    /// One customer's readings of `metrics`; a failure becomes one line.
    func take(_ metrics: [Metric], of customer: Customer, since: Date, now: Date) async -> SyncReport {
        var report = SyncReport()
        guard !metrics.isEmpty, since < now else { return report }
        do {
            let takenMs = UTCTime.milliseconds(now)
            var rows: [BilledRow] = []
            for (period, codes) in try await periods(metrics, of: customer, since: since, now: now) {
                let totals = try await provider.totals(customerID: customer.id, period: period)
                report.calls += 1
                let answered = totals.filter { codes.contains($0.metric.code) }
                rows += answered.map { total in
                    BilledRow(
                        customerID: customer.id, metricCode: total.metric.code, charge: total.charge ?? "",
                        period: total.period ?? period, value: total.value, eventCount: total.eventCount,
                        amountCents: total.amountCents, currency: total.currency, takenMs: takenMs)
                }
                // A provider that answers any days and names no total for a metric counted none that day: kept as a
                // zero, so a quiet day is not read again on every pass.
                if provider.capabilities.contains(.periodTotals) {
                    for code in codes.subtracting(answered.map(\.metric.code)).sorted() {
                        rows.append(BilledRow(
                            customerID: customer.id, metricCode: code, charge: "", period: period, value: 0, eventCount: 0,
                            amountCents: nil, currency: nil, takenMs: takenMs))
                    }
                }
            }
            try await store.recordBilled(rows, source: source)
            report.readings = rows.count
        } catch {
            report.failures.append("\(customer.id) billed totals: \(UsageError.wrapping(error, context: source).message)")
        }
        return report
    }

    /// The periods to read, each with the metric codes it is read for.
    private func periods(_ metrics: [Metric], of customer: Customer, since: Date, now: Date) async throws(UsageError)
        -> [(Period, Set<String>)]
    {
        guard provider.capabilities.contains(.periodTotals) else {
            return [(Period(start: since, end: now), Set(metrics.map(\.code)))]
        }
        let kept = try await store.billedRows(customer: customer.id, period: Period(start: since, end: now))
        let closed = Set(kept.filter(\.isClosed).map { "\($0.startMs)/\($0.endMs)" })
        let daily = Set(metrics.filter { [.count, .sum, .max].contains($0.aggregation) }.map(\.code))
        let monthly = Set(metrics.map(\.code)).subtracting(daily)
        var periods: [(Period, Set<String>)] = []
        if !daily.isEmpty { periods += Self.days(since: since, now: now).map { ($0, daily) } }
        if !monthly.isEmpty { periods += Self.months(since: since, now: now).map { ($0, monthly) } }
        return periods.filter { period, _ in
            !closed.contains("\(UTCTime.milliseconds(period.start))/\(UTCTime.milliseconds(period.end))")
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
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard var month = calendar.dateInterval(of: .month, for: since)?.start else { return [] }
        var months: [Period] = []
        while month < now, let next = calendar.date(byAdding: .month, value: 1, to: month) {
            months.append(Period(start: month, end: next))
            month = next
        }
        return months
    }
}
