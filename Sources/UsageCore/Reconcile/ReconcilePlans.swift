/// The plans a reconcile re-prices with: those the provider bills each subscription under (Lago's, kept by sync),
/// else those `config.toml` declares for the customer.
public struct ReconcilePlans: Sendable, Hashable {
    /// Plans declared in `config.toml`.
    public var book: PlanBook
    /// The provider's plan of each subscription, by subscription id.
    public var bySubscription: [String: PricePlan]

    /// Plans from both places.
    public init(book: PlanBook = PlanBook(), bySubscription: [String: PricePlan] = [:]) {
        self.book = book
        self.bySubscription = bySubscription
    }

    /// The plan that bills `subscription` of `customerID`: the subscription's own, else `config.toml`'s, else the
    /// one the store keeps for every customer (under the empty subscription id, as the demo keeps its plan).
    public func plan(customerID: String, subscription: String?) -> PricePlan? {
        subscription.flatMap { bySubscription[$0] } ?? book.plan(for: customerID) ?? bySubscription[""]
    }
}
