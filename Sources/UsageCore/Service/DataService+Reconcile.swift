extension DataService {
    /// `customerID`'s bills (nil: every customer's) over the billing periods overlapping `period`, checked against
    /// their events and re-priced; fails with what to do when the source is not a synced store.
    public func reconcile(customerID: String?, period: Period) async throws(UsageError) -> ReconcileReport {
        guard let store = provider as? any Reconciling else {
            throw UsageError(
                .unsupported,
                "reconcile checks a store that `usagetop sync` filled from the provider: run `usagetop sync --provider "
                    + "\(provider.name)` and open the store, not \(provider.name) itself")
        }
        return try await run("reconciling \(customerID ?? "every customer")") { [plans] in
            try await store.reconcile(customerID: customerID, period: period, book: plans)
        }
    }
}
