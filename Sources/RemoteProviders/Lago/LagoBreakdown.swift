import Foundation
import UsageCore

/// A metric's usage as Lago itself splits it: by the properties of a charge's filters and groups (`grouped_by`),
/// with what Lago bills for each part.
enum LagoBreakdown {
    /// The keys the metric's charges split by, in the order Lago lists them.
    static func keys(_ usages: [LagoDecoding.Usage], metric: Metric) -> [String] {
        var keys: [String] = []
        for usage in usages {
            for charge in usage.charges where charge.metric.code == metric.code {
                for split in charge.splits {
                    for key in split.values.keys.sorted() where !keys.contains(key) { keys.append(key) }
                }
            }
        }
        return keys
    }

    /// One row per value of `key`, largest first. Within a billing period the first charge that splits by `key`
    /// answers (charges of one metric count the same events); billing periods add up for count and sum, and take
    /// the largest for max. A split that also names other keys (a filter inside a group) is left out, so no usage
    /// counts twice; each row names the billing periods it answers when they are not exactly `requested`.
    static func rows(_ usages: [LagoDecoding.Usage], metric: Metric, key: String, requested: Period) -> [BreakdownRow] {
        var totals: [String: (units: Decimal, events: Int, cents: Int?, currency: String?)] = [:]
        var answered: Set<Period> = []
        for usage in usages {
            let charge = usage.charges.first { $0.metric.code == metric.code && $0.splits.contains { $0.values.keys.contains(key) } }
            guard let charge else { continue }
            if let period = usage.period { answered.insert(period) }
            for split in charge.splits where split.values.count == 1 {
                guard let value = split.values[key] else { continue }
                var row = totals[value] ?? (0, 0, nil, usage.currency)
                row.units = metric.aggregation == .max ? max(row.units, split.units) : row.units + split.units
                row.events += split.eventsCount ?? 0
                if let cents = split.amountCents, usage.currency == row.currency { row.cents = (row.cents ?? 0) + cents }
                totals[value] = row
            }
        }
        let sorted = answered.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        let periods = requested.isMadeUp(of: sorted) ? [] : sorted
        let rows = totals.map { value, row -> BreakdownRow in
            var amount: Money?
            if let cents = row.cents, let currency = row.currency { amount = Money(minorUnits: cents, currency: currency) }
            return BreakdownRow(value: value, events: row.events, total: row.units, amount: amount, periods: periods)
        }
        return rows.sorted { left, right in
            left.total != right.total ? left.total > right.total : (left.value ?? "") < (right.value ?? "")
        }
    }
}
