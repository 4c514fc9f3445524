import Foundation

extension LagoAccount {
    /// The code of a subscription's plan: each subscription is billed under a plan of its own charges.
    static func planCode(_ subscription: Subscription) -> String { "plan_\(subscription.id)" }

    /// `GET /plans/{code}` as lago-api serializes a plan.
    func plan(code: String) -> TestHTTPServer.Reply {
        guard let subscription = state.withLock({ $0.subscriptions.first { Self.planCode($0) == code } }) else {
            return Self.notFound("plan")
        }
        return .init(body: #"{"plan": \#(Self.planJSON(subscription))}"#)
    }

    /// `GET /subscriptions/{external_id}?status=…`: the subscription with its own plan, as lago-api's show includes it.
    func subscription(id: String, status: String?) -> TestHTTPServer.Reply {
        guard
            let found = state.withLock({ state in
                state.subscriptions.first {
                    $0.id == id && ($0.terminated == nil ? "active" : "terminated") == (status ?? "active")
                }
            })
        else { return Self.notFound("subscription") }
        return .init(
            body:
                #"{"subscription": {"external_id": \#(Self.quote(found.id)), "external_customer_id": \#(Self.quote(found.customer)), "plan_code": \#(Self.quote(Self.planCode(found))), "plan": \#(Self.planJSON(found))}}"#
        )
    }

    /// A subscription's plan as lago-api serializes it: every charge `standard` at its price per unit, each filter at
    /// the same price, its group keys as `pricing_group_keys`.
    static func planJSON(_ subscription: Subscription) -> String {
        let charges = subscription.charges.map { charge in
            let amount = quote("\(charge.centsPerUnit / 100)")
            let groups =
                charge.groupKeys.isEmpty
                ? "" : #", "pricing_group_keys": [\#(charge.groupKeys.map(quote).joined(separator: ", "))]"#
            let filters = charge.filters.map { filter in
                #"{"invoice_display_name": null, "properties": {"amount": \#(amount)}, "values": \#(valuesJSON(filter))}"#
            }
            return
                #"{"lago_id": \#(quote(charge.id)), "code": \#(quote(charge.id)), "billable_metric_code": \#(quote(charge.metric)), "charge_model": "standard", "min_amount_cents": 0, "properties": {"amount": \#(amount)\#(groups)}, "filters": [\#(filters.joined(separator: ", "))]}"#
        }
        let code = planCode(subscription)
        return
            #"{"lago_id": "pl_\#(subscription.id)", "code": \#(quote(code)), "name": \#(quote(code)), "interval": "monthly", "amount_cents": 0, "amount_currency": "EUR", "charges": [\#(charges.joined(separator: ", "))]}"#
    }

    /// Issues the invoices of every period over by now: from here on they bill the events Lago holds now, and
    /// events that reach it later (late events, whatever their timestamps) change no invoice, as in Lago.
    public func closeInvoices() {
        state.withLock { $0.invoiced = $0.events }
    }
}
