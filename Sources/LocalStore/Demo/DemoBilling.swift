import Foundation
import StoreCore
import UsageCore

/// The demo's bills, so that reconcile runs out of the box: last month's bill of every customer's API calls, as sync
/// would keep a provider's, under the demo's plan (kept beside the events as a synced store keeps its plans); one
/// customer (the third, Initech Labs) was billed 25 calls its events do not hold, and its storage spiked on the 15th.
enum DemoBilling {
    /// The plan, in Lago's words: API calls graduated (the first 20 free, then EUR 0.05 each), peak storage at
    /// EUR 0.10 per GB, data transfer priced per region (EUR 0.05 per GB in eu-west, EUR 0.09 elsewhere) and emails
    /// in packages of 100 at EUR 1.
    static let planJSON = """
        {"code": "demo", "amount_currency": "EUR", "amount_cents": 0, "charges": [\
        {"lago_id": "ch_api_calls", "billable_metric_code": "api_calls", "charge_model": "graduated", "properties": \
        {"graduated_ranges": [{"from_value": 0, "to_value": 20, "per_unit_amount": "0", "flat_amount": "0"}, \
        {"from_value": 21, "to_value": null, "per_unit_amount": "0.05", "flat_amount": "0"}]}}, \
        {"lago_id": "ch_storage", "billable_metric_code": "storage_gb", "charge_model": "standard", "properties": \
        {"amount": "0.10"}}, \
        {"lago_id": "ch_transfer", "billable_metric_code": "data_transfer_gb", "charge_model": "standard", \
        "properties": {"amount": "0.09"}, "filters": [{"values": {"region": ["eu-west"]}, "properties": \
        {"amount": "0.05"}}]}, \
        {"lago_id": "ch_emails", "billable_metric_code": "emails_sent", "charge_model": "package", "properties": \
        {"amount": "1", "package_size": 100, "free_units": 0}}]}
        """

    /// The day of the storage spike: the 15th of last month (UTC), in milliseconds.
    static func spikeDay(now: Date) -> Range<Int64> {
        let month = Period.month(containing: Period.month(containing: now).start.addingTimeInterval(-1))
        let start = UTCTime.milliseconds(month.start) + 14 * 86_400_000
        return start..<(start + 86_400_000)
    }

    /// The story's storage spike: four readings of one customer's storage in eu-west on `spikeDay`, six times its
    /// usual size (added after the drawn events, so no other value of the demo changes); none when the demo does not
    /// reach that day.
    static func spike(
        customer: Customer, base: Double, firstDayMs: Int64, nowMs: Int64, sequence: inout Int, seed: UInt64,
        now: Date
    ) -> [NewEvent] {
        let day = spikeDay(now: now)
        guard day.lowerBound >= firstDayMs else { return [] }
        return [9, 12, 15, 18].compactMap { hour -> NewEvent? in
            let ms = day.lowerBound + Int64(hour) * 3_600_000
            guard ms <= nowMs else { return nil }
            sequence += 1
            let gb = DemoGenerator.decimalText(units: Int(base * 600) + hour, scale: 2)
            let properties: JSONValue = .object([
                ("gb", .number(gb)), ("bucket", .string("prod-2")), ("region", .string("eu-west")),
            ])
            return NewEvent(
                transactionID: "demo-\(seed)-\(sequence)", customerID: customer.id, metricCode: "storage_gb",
                aggregation: .max, timestampMs: ms, value: gb, propertiesJSON: JSONWriter.compact(properties))
        }
    }

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
