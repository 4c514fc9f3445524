/// A provider that says which price plan bills each of a customer's subscriptions (Lago's `GET /subscriptions/{id}`
/// and `GET /plans/{code}`), so that sync can keep the plans beside the bills and reconcile can re-price them.
public protocol PlanListing: UsageProvider {
    /// The plan of each of the customer's subscriptions, as the provider serves it (JSON text), by subscription id.
    func plans(customerID: String) async throws -> [String: String]
}
