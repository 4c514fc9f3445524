import Foundation

extension LagoAccount {
    /// A subscription's billing periods that have started by `now`, earliest first, cut at its start and termination.
    static func periods(_ subscription: Subscription, now: Date) -> [(start: Date, end: Date)] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let last = min(subscription.terminated ?? .distantFuture, now)
        var boundaries: [Date] = []
        switch subscription.billing {
        case .calendar(let offset):
            let local = subscription.started.addingTimeInterval(Double(offset) * 3_600)
            var month = calendar.dateInterval(of: .month, for: local)!.start
            while month.addingTimeInterval(-Double(offset) * 3_600) <= last {
                boundaries.append(month.addingTimeInterval(-Double(offset) * 3_600))
                month = calendar.date(byAdding: .month, value: 1, to: month)!
            }
            boundaries.append(month.addingTimeInterval(-Double(offset) * 3_600))
        case .anniversary:
            var step = 0
            repeat {
                boundaries.append(calendar.date(byAdding: .month, value: step, to: subscription.started)!)
                step += 1
            } while boundaries.last! <= last
        }
        var periods: [(start: Date, end: Date)] = []
        for (start, end) in zip(boundaries, boundaries.dropFirst()) {
            let from = max(start, subscription.started), to = min(end, subscription.terminated ?? end)
            if from < to && from <= now { periods.append((from, to)) }
        }
        return periods
    }

    /// The metric's value over `events`.
    static func aggregate(_ events: [Event], _ metric: Metric) -> Decimal {
        let values = events.compactMap { $0.properties[metric.field ?? ""].flatMap(number) }
        switch metric.aggregation {
        case "count_agg": return Decimal(events.count)
        case "sum_agg", "weighted_sum_agg": return values.reduce(0, +)
        case "max_agg": return values.max() ?? 0
        case "unique_count_agg": return Decimal(Set(events.compactMap { $0.properties[metric.field ?? ""] }).count)
        default: return 0
        }
    }

    /// One charge's usage: its units and amount, split by its filters (each event in the most specific filter it
    /// matches, else the default bucket) and groups.
    static func chargeUsage(_ charge: Charge, _ metric: Metric, _ events: [Event], phantom: Int = 0) -> (
        json: String, cents: Int
    ) {
        let events =
            events
            + (0..<phantom).map {
                Event(
                    "unlisted-\($0)", subscription: "", code: metric.code, at: .distantPast,
                    properties: [metric.field ?? "": "1"])
            }
        func part(_ events: [Event]) -> (units: Decimal, cents: Int, fields: String) {
            let units = aggregate(events, metric)
            var cents = units * charge.centsPerUnit
            var rounded = Decimal()
            NSDecimalRound(&rounded, &cents, 0, .plain)
            let amount = NSDecimalNumber(decimal: rounded).intValue
            return (
                units, amount, #""units": "\#(units)", "events_count": \#(events.count), "amount_cents": \#(amount)"#
            )
        }
        var filters: [String] = [], units: Decimal = 0, cents = 0, count = 0
        if charge.filters.isEmpty {
            let whole = part(events)
            (units, cents, count) = (whole.units, whole.cents, events.count)
        } else {
            var buckets = Array(repeating: [Event](), count: charge.filters.count + 1)
            for event in events { buckets[bucket(event, charge.filters)].append(event) }
            for (index, bucket) in buckets.enumerated() {
                let split = part(bucket)
                (units, cents, count) = (units + split.units, cents + split.cents, count + bucket.count)
                let values = index < charge.filters.count ? valuesJSON(charge.filters[index]) : "null"
                filters.append(#"{\#(split.fields), "invoice_display_name": null, "values": \#(values)}"#)
            }
        }
        var groups: [String] = []
        if !charge.groupKeys.isEmpty {
            let grouped = Dictionary(grouping: events) { event in
                charge.groupKeys.map { event.properties[$0] ?? "null" }
            }
            for (values, members) in grouped.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
                let by = zip(charge.groupKeys, values).map { "\(quote($0)): \($1)" }.joined(separator: ", ")
                groups.append(#"{\#(part(members).fields), "grouped_by": {\#(by)}, "filters": []}"#)
            }
        }
        let json =
            #"{"units": "\#(units)", "events_count": \#(count), "amount_cents": \#(cents), "amount_currency": "EUR", "charge": {"lago_id": \#(quote(charge.id)), "code": \#(quote(charge.id)), "charge_model": "standard", "invoice_display_name": null}, "billable_metric": {"lago_id": "bm_\#(metric.code)", "name": \#(quote(metric.code)), "code": \#(quote(metric.code)), "aggregation_type": "\#(metric.aggregation)"}, "filters": [\#(filters.joined(separator: ", "))], "grouped_usage": [\#(groups.joined(separator: ", "))]}"#
        return (json, cents)
    }

    /// The filter an event falls in: of those whose every key holds the event's value, the one with the most keys
    /// (the first on a tie); `filters.count` for the default bucket.
    static func bucket(_ event: Event, _ filters: [[String: [String]]]) -> Int {
        var best: Int?
        for (index, filter) in filters.enumerated()
        where filter.allSatisfy({ key, values in
            event.properties[key].map { values.map { quote($0) }.contains($0) } ?? false
        }) {
            if best.map({ filters[$0].count < filter.count }) ?? true { best = index }
        }
        return best ?? filters.count
    }
}
