import Foundation
import UsageCore

/// A metric's usage as Lago itself splits it: by the properties of a charge's filters and groups (`grouped_by`),
/// with what Lago bills for each part. Every part of the charge is a row (the default bucket of events no filter
/// matched, and filters on several keys, shown as their combination), so the rows hold all of the charge's units.
enum LagoBreakdown {
    /// The keys the metric's charges split by: filter keys, then group keys, in the order Lago lists them.
    static func keys(_ usages: [LagoDecoding.Usage], metric: Metric) -> [String] {
        var keys: [String] = []
        for kind in [LagoDecoding.Split.Kind.filter, .group] {
            for usage in usages {
                for charge in usage.charges where charge.metric.code == metric.code {
                    for split in charge.splits where split.kind == kind {
                        for key in split.values.keys.sorted() where !keys.contains(key) { keys.append(key) }
                    }
                }
            }
        }
        return keys
    }

    /// One row per part of the charge that splits by `key`, largest first, over the billing periods that answer
    /// `requested` (`AnsweringPeriods`). A part is a filter (by its value of `key`, with its other keys' values), the
    /// events no filter matched, or a group; parts add up across periods for count and sum and take the largest for
    /// max. Subscriptions of different periods are rows of their own. Fails when no charge splits by `key`.
    static func rows(_ usages: [LagoDecoding.Usage], metric: Metric, key: String, requested: Period) throws(UsageError)
        -> [BreakdownRow]
    {
        let known = keys(usages, metric: metric)
        guard known.contains(key) else {
            let offered =
                known.isEmpty
                ? "its charges have no filters or groups" : "it splits by \(known.joined(separator: ", "))"
            throw UsageError(.invalidInput, "lago does not split \(metric.code) by \(key): \(offered)")
        }
        var periods: [String: [Period]] = [:]
        for usage in usages where usage.charges.contains(where: { $0.metric.code == metric.code }) {
            if let period = usage.period { periods[usage.subscription, default: []].append(period) }
        }
        var rows: [BreakdownRow] = []
        for group in AnsweringPeriods.groups(periods, answering: requested) {
            let used = usages.filter { usage in usage.period.map { group.includes(usage.subscription, $0) } ?? false }
            let answered = group.allPeriods
            var part = rowsOf(used, metric: metric, key: key)
            for index in part.indices {
                part[index].periods = requested.isMadeUp(of: answered) ? [] : answered
                if group.named { part[index].subscription = group.subscriptions.first }
            }
            rows += part
        }
        return rows.sorted { left, right in
            left.total != right.total ? left.total > right.total : left.text(by: key) < right.text(by: key)
        }
    }

    /// The parts of `usages` (periods that add up) by `key`.
    private static func rowsOf(_ usages: [LagoDecoding.Usage], metric: Metric, key: String) -> [BreakdownRow] {
        var totals: [String: (row: BreakdownRow, cents: Int?, currency: String?)] = [:]
        var order: [String] = []
        func add(_ row: BreakdownRow, cents: Int?, currency: String?) {
            let name = row.text(by: key)
            guard var kept = totals[name] else {
                totals[name] = (row, cents, currency)
                order.append(name)
                return
            }
            kept.row.total = metric.aggregation == .max ? max(kept.row.total, row.total) : kept.row.total + row.total
            kept.row.events += row.events
            if currency != kept.currency {
                (kept.cents, kept.currency) = (nil, nil)  // amounts in two currencies are never added
            } else if let cents {
                kept.cents = (kept.cents ?? 0) + cents
            }
            totals[name] = kept
        }
        for usage in usages {
            let charges = usage.charges.filter { $0.metric.code == metric.code }
            guard let (charge, kind) = splitting(charges, by: key) else {
                // A period whose charges do not split by the key: its usage is still a row, not left out.
                if let whole = charges.max(by: { $0.units < $1.units }) {
                    add(
                        BreakdownRow(value: nil, events: whole.eventsCount ?? 0, total: whole.units),
                        cents: whole.amountCents, currency: usage.currency)
                }
                continue
            }
            for split in charge.splits where split.kind == kind {
                let also = split.values.filter { $0.key != key }.sorted { $0.key < $1.key }
                    .map { EventQuery.Match(key: $0.key, value: $0.value) }
                let row = BreakdownRow(
                    value: split.values[key], events: split.eventsCount ?? 0, total: split.units, also: also,
                    unmatched: kind == .filter && split.values.isEmpty)
                add(row, cents: split.amountCents, currency: usage.currency)
            }
        }
        return order.map { name in
            let kept = totals[name]!
            var row = kept.row
            if let cents = kept.cents, let currency = kept.currency {
                row.amount = Money(minorUnits: cents, currency: currency)
            }
            return row
        }
    }

    /// The first charge whose filters (else groups) name `key`, and which of its parts to list.
    private static func splitting(_ charges: [LagoDecoding.ChargeUsage], by key: String)
        -> (LagoDecoding.ChargeUsage, LagoDecoding.Split.Kind)?
    {
        for kind in [LagoDecoding.Split.Kind.filter, .group] {
            if let charge = charges.first(where: {
                $0.splits.contains { $0.kind == kind && $0.values.keys.contains(key) }
            }) {
                return (charge, kind)
            }
        }
        return nil
    }
}
