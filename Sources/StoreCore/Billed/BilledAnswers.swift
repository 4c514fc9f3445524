import Foundation
import UsageCore

/// Answers for a metric the store holds as the provider's own totals (`Metric.billedBy`), from its readings: both
/// stores read the rows, this folds them, so both answer alike. Whole-day readings add up over the whole days of the
/// period asked (labelled with the days they cover when those differ); a longer period (a billing period, a month)
/// is its own row, labelled with that period, and only the periods that answer the one asked are used
/// (`AnsweringPeriods`); nothing is recomputed from events.
package enum BilledAnswers {
    /// The last reading of each customer, metric, subscription, charge and period.
    package static func latest(_ rows: [BilledRow]) -> [BilledRow] {
        best(
            rows,
            by: {
                [$0.customerID, $0.metricCode, $0.subscription, $0.chargeID, $0.charge, "\($0.startMs)", "\($0.endMs)"]
            },
            over: { $0.takenMs > $1.takenMs }
        )
        .sorted {
            ($0.startMs, $0.subscription, $0.charge, $0.customerID) < (
                $1.startMs, $1.subscription, $1.charge, $1.customerID
            )
        }
    }

    /// One row per key: the first kept unless a later one is `better`.
    private static func best(
        _ rows: [BilledRow], by key: (BilledRow) -> [String], over better: (BilledRow, BilledRow) -> Bool
    )
        -> [BilledRow]
    {
        var kept: [[String]: BilledRow] = [:]
        for row in rows {
            let name = key(row)
            if let seen = kept[name], !better(row, seen) { continue }
            kept[name] = row
        }
        return Array(kept.values)
    }

    /// The readings that answer `asked`: whole days inside it, and of longer periods those that answer it for their
    /// customer and subscription (`every` keeps each longer period that overlaps it: a customer's usage shows each
    /// such period as a row of its own, named, as Lago's provider does).
    package static func answering(_ rows: [BilledRow], _ asked: Period, every: Bool = false) -> [BilledRow] {
        let kept = latest(rows)
        let days = kept.filter { $0.isDay && $0.period.start >= asked.start && $0.period.end <= asked.end }
        let longer = kept.filter { !$0.isDay }
        if every { return days + longer.filter { $0.period.start < asked.end && asked.start < $0.period.end } }
        var periods: [[String]: [Period]] = [:]
        for row in longer { periods[[row.customerID, row.subscription], default: []].append(row.period) }
        let chosen = periods.mapValues { Set(AnsweringPeriods.of($0, answering: asked)) }
        return days + longer.filter { chosen[[$0.customerID, $0.subscription]]?.contains($0.period) ?? false }
    }

    /// One customer's totals of `metric` over `asked`: a row per subscription, charge and period that overlaps it, each
    /// said to be billed by the provider (the metric's, or the readings' for a metric the store also adds up from
    /// events) and labelled with its period.
    package static func totals(_ rows: [BilledRow], metric: Metric, asked: Period, currency: String?) -> [UsageTotal] {
        let used = answering(rows, asked, every: true)
        var totals: [UsageTotal] = []
        let charges = Set(used.map { [$0.subscription, $0.chargeID, $0.charge] }).sorted {
            $0.lexicographicallyPrecedes($1)
        }
        for charge in charges {
            let mine = used.filter { [$0.subscription, $0.chargeID, $0.charge] == charge }
            let days = mine.filter(\.isDay)
            var groups = mine.filter { !$0.isDay }.map { [$0] }
            if !days.isEmpty { groups.insert(days, at: 0) }
            for group in groups {
                let covered = Period(start: group.map(\.period.start).min()!, end: group.map(\.period.end).max()!)
                let cents = group.compactMap(\.amountCents)
                totals.append(
                    UsageTotal(
                        metric: metric, value: fold(group.map(\.value), metric.aggregation),
                        eventCount: group.allSatisfy { $0.eventCount != nil }
                            ? group.compactMap(\.eventCount).reduce(0, +) : nil,
                        amountCents: cents.isEmpty ? nil : cents.reduce(0, +),
                        currency: group.first?.currency ?? currency,
                        charge: charge[2].isEmpty ? nil : charge[2], period: covered == asked ? nil : covered,
                        billedBy: metric.billedBy ?? group.first?.provider,
                        subscription: charge[0].isEmpty ? nil : charge[0],
                        chargeID: charge[1].isEmpty ? nil : charge[1]))
            }
        }
        return totals
    }

    /// The metric's series (every customer's readings together when `rows` hold several): each bucket's whole-day
    /// readings folded; readings of longer periods one point each at the period's start (as a provider that bills per
    /// period answers), subscriptions of the same period added up.
    package static func series(_ rows: [BilledRow], metric: Metric, asked: Period, bucket: Bucket, starts: [Date])
        -> TimeSeries
    {
        let used = merged(widest(answering(rows, asked)), metric.aggregation)
        if used.contains(where: { !$0.isDay }) || bucket == .hour {
            let points = used.map { TimeSeries.Point(start: $0.period.start, value: $0.value, end: $0.period.end) }
            return TimeSeries(
                metricCode: metric.code, bucket: bucket, points: points,
                total: fold(points.map(\.value), metric.aggregation), isPerBillingPeriod: true)
        }
        let points = starts.indices.map { index in
            let upper = index + 1 < starts.count ? starts[index + 1] : asked.end
            let inside = used.filter { $0.period.start >= starts[index] && $0.period.start < upper }
            return TimeSeries.Point(start: starts[index], value: fold(inside.map(\.value), metric.aggregation))
        }
        return TimeSeries(
            metricCode: metric.code, bucket: bucket, points: points,
            total: fold(used.map(\.value), metric.aggregation))
    }

    /// A customer's customers-table rows: the total over `asked`, the daily values for day slots `[firstDay, endDay)`
    /// from whole-day readings, the amounts, and the periods answered when they differ from `asked`. One row, or one
    /// per subscription when the subscriptions' billing periods cover different stretches (never a sum over periods
    /// nobody billed together).
    package static func summaries(
        customer: Customer, rows: [BilledRow], metric: Metric, asked: Period, firstDay: Int64,
        endDay: Int64
    ) -> [CustomerSummary] {
        let byDay = Dictionary(
            widest(latest(rows)).filter(\.isDay).map { ($0.startMs / BilledRow.dayMs, $0.value) },
            uniquingKeysWith: { a, _ in a })
        let daily = (firstDay..<endDay).map { byDay[$0] ?? 0 }
        let used = widest(answering(rows, asked))
        let longer = used.filter { !$0.isDay }
        guard !longer.isEmpty else {
            return [summary(customer, used, metric: metric, asked: asked, daily: daily, subscription: nil)]
        }
        var periods: [String: [Period]] = [:]
        for row in longer { periods[row.subscription, default: []].append(row.period) }
        return AnsweringPeriods.groups(periods, answering: asked).map { group in
            let mine = longer.filter { group.includes($0.subscription, $0.period) }
            return summary(
                customer, mine, metric: metric, asked: asked, daily: daily,
                subscription: group.named ? group.subscriptions.first : nil)
        }
    }

    private static func summary(
        _ customer: Customer, _ rows: [BilledRow], metric: Metric, asked: Period, daily: [Decimal],
        subscription: String?
    ) -> CustomerSummary {
        var used = merged(rows, metric.aggregation)
        if ![.count, .sum, .max].contains(metric.aggregation), let last = used.map(\.endMs).max() {
            used = used.filter { $0.endMs == last }  // periods of a weighted sum or a latest value do not add up
        }
        let amounts = rows.compactMap { row in
            row.amountCents.flatMap { cents in row.currency.map { Money(minorUnits: cents, currency: $0) } }
        }
        let answered =
            used.isEmpty ? [] : [Period(start: used.map(\.period.start).min()!, end: used.map(\.period.end).max()!)]
        var row = CustomerSummary(
            customer: customer, total: fold(used.map(\.value), metric.aggregation), daily: daily,
            lastEventAt: nil, amounts: Money.totals(amounts), periods: asked.isMadeUp(of: answered) ? [] : answered)
        row.subscription = subscription
        return row
    }

    /// Per subscription and period, the widest charge's reading (a metric's charges each count the same events; never
    /// added).
    private static func widest(_ rows: [BilledRow]) -> [BilledRow] {
        best(
            rows, by: { [$0.customerID, $0.subscription, "\($0.startMs)", "\($0.endMs)"] },
            over: { $0.value > $1.value }
        )
        .sorted { ($0.startMs, $0.subscription, $0.customerID) < ($1.startMs, $1.subscription, $1.customerID) }
    }

    /// Every customer's and subscription's reading of the same period as one (the all-customers series).
    private static func merged(_ rows: [BilledRow], _ aggregation: Aggregation) -> [BilledRow] {
        var kept: [[Int64]: BilledRow] = [:]
        for row in rows {
            let key = [row.startMs, row.endMs]
            if var seen = kept[key] {
                seen.value = fold([seen.value, row.value], aggregation)
                kept[key] = seen
            } else {
                kept[key] = row
            }
        }
        return kept.values.sorted { $0.startMs < $1.startMs }
    }

    /// Readings of consecutive periods as one value: added up (count, sum), the largest (max), else the last.
    package static func fold(_ values: [Decimal], _ aggregation: Aggregation) -> Decimal {
        switch aggregation {
        case .count, .sum: values.reduce(0, +)
        case .max: values.max() ?? 0
        default: values.last ?? 0
        }
    }
}
