/// A source that can check a provider's bills against the events behind them: a store that `usagetop sync` filled
/// from the provider (its events and the provider's own totals per charge and billing period).
public protocol Reconciling: UsageProvider {
    /// Every billed charge of `customerID` (nil: every customer) whose billing period overlaps `period`, checked
    /// against the events, re-priced with the plans the store keeps or else `book`'s.
    func reconcile(customerID: String?, period: Period, book: PlanBook) async throws -> ReconcileReport
}
