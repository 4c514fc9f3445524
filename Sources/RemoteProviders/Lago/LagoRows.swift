import Foundation
import UsageCore

/// Lago usage turned into rows the way Lago bills it: one row per charge and billing period, and per customer one
/// metric value that never adds the same events twice.
enum LagoRows {
    /// One row per charge of every usage, labelled with the charge when the metric has several, with its
    /// subscription, and with the billing period when it is not exactly `requested`.
    /// A metric missing from `metrics` keeps its own name.
    static func totals(_ usages: [LagoDecoding.Usage], requested: Period, metrics: [Metric]) -> [UsageTotal] {
        let position = Dictionary(metrics.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [UsageTotal] = []
        for usage in usages {
            var chargesPerMetric: [String: Int] = [:]
            for charge in usage.charges { chargesPerMetric[charge.metric.code, default: 0] += 1 }
            for charge in usage.charges {
                let metric = metrics.first { $0.code == charge.metric.code } ?? charge.metric
                rows.append(
                    UsageTotal(
                        metric: metric, value: charge.units, eventCount: charge.eventsCount,
                        amountCents: charge.amountCents,
                        currency: usage.currency,
                        charge: (chargesPerMetric[metric.code] ?? 0) > 1 ? charge.charge : nil,
                        period: usage.period == requested ? nil : usage.period,
                        subscription: usage.subscription.isEmpty ? nil : usage.subscription, chargeID: charge.chargeID,
                        eventsValue: charge.eventsValue(metric.aggregation)))
            }
        }
        return rows.sorted { left, right in
            let l = position[left.metric.code] ?? Int.max, r = position[right.metric.code] ?? Int.max
            if l != r { return l < r }
            if left.metric.code != right.metric.code { return left.metric.code < right.metric.code }
            if left.charge != right.charge { return (left.charge ?? "") < (right.charge ?? "") }
            if left.subscription != right.subscription { return (left.subscription ?? "") < (right.subscription ?? "") }
            return (left.period?.start ?? .distantPast) < (right.period?.start ?? .distantPast)
        }
    }

    /// One customer's rows of `metric` over the billing periods that answer `requested` (`AnsweringPeriods`): one
    /// row when every subscription's periods cover the same stretch, else one per subscription. Within a period the
    /// widest of the metric's charges counts (they count the same events; filters only narrow them); periods add up
    /// for count and sum, take the largest for max, and for other aggregations only the latest period counts.
    /// Amounts of all charges add up, per currency.
    static func summaries(customer: Customer, usages: [LagoDecoding.Usage], metric: Metric, requested: Period)
        -> [CustomerSummary]
    {
        var periods: [String: [Period]] = [:]
        for usage in usages { if let period = usage.period { periods[usage.subscription, default: []].append(period) } }
        let groups = AnsweringPeriods.groups(periods, answering: requested)
        guard !groups.isEmpty else {
            return [CustomerSummary(customer: customer, total: 0, daily: [], lastEventAt: nil)]
        }
        return groups.map { group in
            let chosen = usages.filter { usage in usage.period.map { group.includes(usage.subscription, $0) } ?? false }
            var row = summary(customer: customer, usages: chosen, metric: metric, requested: requested)
            if group.named { row.subscription = group.subscriptions.first }
            return row
        }
    }

    /// One row over usages that add up.
    private static func summary(customer: Customer, usages: [LagoDecoding.Usage], metric: Metric, requested: Period)
        -> CustomerSummary
    {
        var used = usages
        if !(metric.aggregation.isAdditive || metric.aggregation == .max) {
            let latest = usages.compactMap { $0.period?.end }.max()
            used = usages.filter { $0.period?.end == latest }
        }
        var total: Decimal = 0
        var amounts: [Money] = []
        for usage in used {
            let charges = usage.charges.filter { $0.metric.code == metric.code }
            let widest = charges.map(\.units).max() ?? 0
            total = metric.aggregation == .max ? Swift.max(total, widest) : total + widest
            if let currency = usage.currency {
                amounts += charges.compactMap { $0.amountCents.map { Money(minorUnits: $0, currency: currency) } }
            }
        }
        let answered = Set(used.compactMap(\.period)).sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        let periods = requested.isMadeUp(of: answered) ? [] : answered
        return CustomerSummary(
            customer: customer, total: total, daily: [], lastEventAt: nil,
            amounts: Money.totals(amounts), periods: periods)
    }

    /// One point per billing period (of every subscription, added up where periods coincide) at the period's
    /// start: the widest charge of `metric` in each.
    static func series(_ usages: [LagoDecoding.Usage], metric: Metric) -> TimeSeries {
        var points: [Period: Decimal] = [:]
        for usage in usages {
            guard let answered = usage.period else { continue }
            points[answered, default: 0] +=
                usage.charges.filter { $0.metric.code == metric.code }.map(\.units).max() ?? 0
        }
        let series = points.sorted { ($0.key.start, $0.key.end) < ($1.key.start, $1.key.end) }
            .map { TimeSeries.Point(start: $0.key.start, value: $0.value, end: $0.key.end) }
        let total: Decimal =
            switch metric.aggregation {
            case .count, .sum: series.reduce(0) { $0 + $1.value }
            case .max: series.map(\.value).max() ?? 0
            default: series.last?.value ?? 0
            }
        return TimeSeries(
            metricCode: metric.code, bucket: .month, points: series, total: total, isPerBillingPeriod: true)
    }

    /// Each usage's bill (those with a currency and an amount), earliest first; `projected` holds the projected
    /// amount of current periods by subscription.
    static func bills(_ usages: [LagoDecoding.Usage], projected: [String: Int]) -> [Bill] {
        usages.compactMap { usage -> Bill? in
            guard let period = usage.period, let currency = usage.currency else { return nil }
            let cents = usage.amountCents ?? usage.charges.compactMap(\.amountCents).reduce(0, +)
            func money(_ minor: Int?) -> Money? { minor.map { Money(minorUnits: $0, currency: currency) } }
            return Bill(
                period: period, isInvoiced: usage.isInvoiced, amount: Money(minorUnits: cents, currency: currency),
                taxes: money(usage.taxesAmountCents), total: money(usage.totalAmountCents),
                projected: usage.isInvoiced ? nil : money(projected[usage.subscription]))
        }.sorted { ($0.period.start, $0.period.end) < ($1.period.start, $1.period.end) }
    }
}
