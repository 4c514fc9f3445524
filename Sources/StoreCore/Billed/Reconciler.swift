import Foundation
import UsageCore

/// Checks one customer's bills of one metric against the events the store copied: a line per subscription, charge
/// and billing period the provider billed (the last reading of each), and a line per subscription for events no
/// billed period holds (after the subscription ended, or before it began), each re-priced under its plan
/// (`EventPricer`) and given its likely causes.
package enum Reconciler {
    /// The lines of `customer`'s `metric`: `rows` are its readings overlapping `asked`, `events` its events over every
    /// period they cover and `asked`.
    package static func lines(
        customer: Customer, metric: Metric, rows: [BilledRow], events: [UsageEvent], asked: Period,
        plans: ReconcilePlans
    ) -> [ReconcileLine] {
        let kept = BilledAnswers.latest(rows).filter { $0.period.overlaps(asked) }
        var lines = kept.map { row in
            let inside = events.filter {
                (row.subscription.isEmpty || $0.subscriptionID == row.subscription) && row.period.contains($0.timestamp)
            }
            return line(customer, metric, row: row, events: inside, plans: plans)
        }
        lines += unbilled(customer, metric, kept: kept, events: events, asked: asked, plans: plans)
        return lines
    }

    /// One billed charge's line.
    private static func line(
        _ customer: Customer, _ metric: Metric, row: BilledRow, events: [UsageEvent], plans: ReconcilePlans
    ) -> ReconcileLine {
        let subscription = row.subscription.isEmpty ? nil : row.subscription
        let plan = plans.plan(customerID: customer.id, subscription: subscription)
        let charge = plan.flatMap { matchingCharge(in: $0, metric: metric, id: row.chargeID) }
        let samePrice = plan.map { row.currency == nil || $0.currency == row.currency } ?? false
        let priced: EventPricer.Priced? = charge.map {
            EventPricer.price($0, metric: metric, events: events, currency: plan!.currency)
        }
        let units: Decimal = priced?.units ?? EventPricer.units(of: events, metric) ?? 0
        let repriced: Int? = samePrice ? priced?.minorUnits : nil
        var line = ReconcileLine(
            customer: customer, subscription: subscription, metricCode: metric.code,
            charge: row.charge.isEmpty ? nil : row.charge, period: row.period, isInvoiced: row.takenMs >= row.endMs,
            eventUnits: units, events: events.count, billedUnits: row.value, billedEvents: row.eventCount,
            repriced: repriced, billed: row.amountCents, currency: row.currency ?? plan?.currency,
            plan: repriced == nil ? nil : plan?.code)
        line.causes = causes(line, priced: priced)
        if let plan, !samePrice, let currency = row.currency {
            line.causes.append("the plan \(plan.code) is in \(plan.currency), the bill in \(currency): not re-priced")
        }
        return line
    }

    /// The plan's charge of `metric` the reading names (by its id), else its only charge of the metric.
    private static func matchingCharge(in plan: PricePlan, metric: Metric, id: String) -> Charge? {
        let charges = plan.charges(for: metric.code)
        return charges.first { !id.isEmpty && $0.id == id } ?? (charges.count == 1 ? charges[0] : nil)
    }

    /// Lines for each subscription's events that fall in no period it was billed for, inside `asked`: after its last
    /// billed period ended (a terminated subscription), before its first began, or of a subscription never billed.
    private static func unbilled(
        _ customer: Customer, _ metric: Metric, kept: [BilledRow], events: [UsageEvent], asked: Period,
        plans: ReconcilePlans
    ) -> [ReconcileLine] {
        let periods = Dictionary(grouping: kept, by: \.subscription).mapValues { Set($0.map(\.period)) }
        let loose = events.filter { event in
            asked.contains(event.timestamp)
                && !(periods[event.subscriptionID ?? ""] ?? periods[""] ?? []).contains { $0.contains(event.timestamp) }
        }
        let bySubscription = Dictionary(grouping: loose) { $0.subscriptionID ?? "" }
        return bySubscription.keys.sorted().flatMap { subscription -> [ReconcileLine] in
            let mine = bySubscription[subscription]!
            let billed = periods[subscription] ?? []
            let first = mine.map(\.timestamp).min()!, last = mine.map(\.timestamp).max()!
            let end = billed.map(\.end).max(), start = billed.map(\.start).min()
            let span: Period
            let cause: String
            if let end, first >= end {
                span = Period(start: end, end: max(asked.end, last.addingTimeInterval(0.001)))
                cause = ReconcileLine.afterEnd(end)
            } else if let start, last < start {
                span = Period(start: min(asked.start, first), end: start)
                cause = "events before the subscription's first billed period began: never billed"
            } else {
                span = Period(start: first, end: last.addingTimeInterval(0.001))
                cause = "events of a subscription no bill names: never billed"
            }
            let id = subscription.isEmpty ? nil : subscription
            return ReconcileLine.unbilled(
                customer: customer, metric: metric, subscription: id, events: mine, period: span, cause: cause,
                plan: plans.plan(customerID: customer.id, subscription: id))
        }
    }

    /// The likely causes of a line's difference, most likely first.
    static func causes(_ line: ReconcileLine, priced: EventPricer.Priced?) -> [String] {
        guard !line.agrees else { return [] }
        let units = line.unitDifference
        var causes: [String] = []
        if units > 0 {
            causes.append(
                line.isInvoiced
                    ? "\(DecimalText.format(units)) units in events the bill does not count: late events (they reached the provider after the period was invoiced)"
                    : "\(DecimalText.format(units)) units the provider has not counted yet (recent events: sync again)")
        } else if units < 0 {
            causes.append(
                "the bill counts \(DecimalText.format(-units)) units its events do not hold (events the provider does not list, or not copied yet: run sync)"
            )
        } else if let money = line.moneyDifference, money != 0 {
            let fees = max(1, priced?.fees ?? 1)
            causes.append(
                abs(money) <= fees
                    ? "rounding (\(fees) fees, each rounded to a minor unit)"
                    : "the same units priced differently from the plan (a plan change or an override inside the period)"
            )
        }
        if let unmatched = priced?.unmatched, unmatched > 0, units != 0 {
            causes.append("\(DecimalText.format(unmatched)) units matched no filter (priced at the charge's own price)")
        }
        return causes
    }
}
