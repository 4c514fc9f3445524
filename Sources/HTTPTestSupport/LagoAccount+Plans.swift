import Foundation

extension LagoAccount {
    /// The code of a subscription's plan: each subscription is billed under a plan of its own charges.
    static func planCode(_ subscription: Subscription) -> String { "plan_\(subscription.id)" }

    /// `GET /plans/{code}` as lago-api serializes a plan: every charge `standard` at its price per unit, each filter
    /// at the same price, its group keys as `pricing_group_keys`.
    func plan(code: String) -> TestHTTPServer.Reply {
        guard let subscription = state.withLock({ $0.subscriptions.first { Self.planCode($0) == code } }) else {
            return Self.notFound("plan")
        }
        let charges = subscription.charges.map { charge in
            let amount = Self.quote("\(charge.centsPerUnit / 100)")
            let groups =
                charge.groupKeys.isEmpty
                ? "" : #", "pricing_group_keys": [\#(charge.groupKeys.map(Self.quote).joined(separator: ", "))]"#
            let filters = charge.filters.map { filter in
                #"{"invoice_display_name": null, "properties": {"amount": \#(amount)}, "values": \#(Self.valuesJSON(filter))}"#
            }
            return
                #"{"lago_id": \#(Self.quote(charge.id)), "code": \#(Self.quote(charge.id)), "billable_metric_code": \#(Self.quote(charge.metric)), "charge_model": "standard", "min_amount_cents": 0, "properties": {"amount": \#(amount)\#(groups)}, "filters": [\#(filters.joined(separator: ", "))]}"#
        }
        return .init(
            body:
                #"{"plan": {"lago_id": "pl_\#(subscription.id)", "code": \#(Self.quote(code)), "name": \#(Self.quote(code)), "interval": "monthly", "amount_cents": 0, "amount_currency": "EUR", "charges": [\#(charges.joined(separator: ", "))]}}"#
        )
    }

    /// Issues the invoices of every period over by now: from here on they bill the events Lago holds now, and
    /// events that reach it later (late events, whatever their timestamps) change no invoice, as in Lago.
    public func closeInvoices() {
        state.withLock { $0.invoiced = $0.events }
    }
}
