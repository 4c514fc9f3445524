import Foundation
import StoreCore
import UsageCore

/// The demo's bills, so that reconcile runs out of the box: last month's bill of every customer's API calls, as sync
/// would keep a provider's, under one graduated plan (the first 20 calls free, then EUR 0.05 each), kept beside the
/// events as a synced store keeps its plans; one customer (the third) was billed 25 calls its events do not hold.
enum DemoBilling {
    /// The plan, in Lago's words.
    static let planJSON =
        #"{"code": "demo", "amount_currency": "EUR", "amount_cents": 0, "charges": [{"lago_id": "ch_api_calls", "billable_metric_code": "api_calls", "charge_model": "graduated", "properties": {"graduated_ranges": [{"from_value": 0, "to_value": 20, "per_unit_amount": "0", "flat_amount": "0"}, {"from_value": 21, "to_value": null, "per_unit_amount": "0.05", "flat_amount": "0"}]}}]}"#

    /// Where the bills say they come from.
    static let source = "demo-billing"
    /// The customer (by position) whose bill disagrees with its events, and by how many calls.
    static let disagreeing = (index: 2, calls: 25)

    /// Last month's bill of a customer's API calls among `events`, when the demo covers the whole month.
    static func bill(customer: Customer, index: Int, events: [NewEvent], firstDay: Date, now: Date) -> BilledRow? {
        let month = Period.month(containing: Period.month(containing: now).start.addingTimeInterval(-1))
        guard firstDay <= month.start,
            let plan = try? PricePlan(lago: JSONParser.parse(planJSON), at: "demo plan"),
            let charge = plan.charges(for: "api_calls").first
        else { return nil }
        let (start, end) = (UTCTime.milliseconds(month.start), UTCTime.milliseconds(month.end))
        let counted = events.count { $0.metricCode == "api_calls" && $0.timestampMs >= start && $0.timestampMs < end }
        let calls = counted + (index == disagreeing.index ? disagreeing.calls : 0)
        let amount = charge.model.amount(for: ChargeUsage(units: Decimal(calls), events: calls)) ?? 0
        return BilledRow(
            customerID: customer.id, metricCode: "api_calls", charge: "", period: month, value: Decimal(calls),
            eventCount: calls, amountCents: ChargeAmount.minorUnits(amount, currency: plan.currency),
            currency: plan.currency, takenMs: end + 86_400_000, chargeID: "ch_api_calls")
    }
}
