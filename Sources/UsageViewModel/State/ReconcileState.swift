import UsageCore

/// The reconcile view: a customer's bills (or every customer's) checked against their events and the plan, the
/// largest money difference first.
public struct ReconcileState: Sendable, Equatable {
    /// The customer checked, nil for every customer.
    public var customerID: String?
    /// The customer's name, for the breadcrumb.
    public var customerName: String?
    /// The report, as loaded.
    public var data = Loadable<ReconcileReport>()
    /// Selection over the lines.
    public var cursor = ListCursor()

    /// The lines, those that differ first.
    public var lines: [ReconcileLine]? { data.value?.orderedLines }
    /// The last failure.
    public var error: String? { data.error }

    /// Creates the state.
    public init(customerID: String?, customerName: String?) {
        self.customerID = customerID
        self.customerName = customerName
    }
}
