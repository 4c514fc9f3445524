import Foundation

extension ReconcileLine {
    /// The cause of events a subscription received after its last billed period ended at `end`.
    public static func afterEnd(_ end: Date) -> String {
        "events after the subscription's last billed period ended \(UTCTime.iso(end)) (it ended): never billed"
    }

    /// The lines for `events` of a subscription that no bill counts (after it ended, before it began), over `period`:
    /// nothing billed, and what they would have cost under each of `plan`'s charges of the metric.
    public static func unbilled(
        customer: Customer, metric: Metric, subscription: String?, events: [UsageEvent], period: Period,
        cause: String, plan: PricePlan?
    ) -> [ReconcileLine] {
        var template = ReconcileLine(
            customer: customer, subscription: subscription, metricCode: metric.code, charge: nil, period: period,
            isInvoiced: true, eventUnits: EventPricer.units(of: events, metric) ?? 0, events: events.count,
            billedUnits: 0, billedEvents: 0, repriced: nil, billed: 0, currency: plan?.currency, plan: nil,
            causes: ["\(events.count) " + cause])
        template.isUnbilled = true
        let charges = plan?.charges(for: metric.code) ?? []
        guard let plan, !charges.isEmpty else { return [template] }
        return charges.map { charge in
            var line = template
            let priced = EventPricer.price(charge, metric: metric, events: events, currency: plan.currency)
            line.charge = charges.count > 1 ? charge.id : nil
            line.repriced = priced.minorUnits
            line.plan = priced.minorUnits == nil ? nil : plan.code
            return line
        }
    }
}
