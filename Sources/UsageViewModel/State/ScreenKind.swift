/// The views.
public enum ScreenKind: String, Sendable, Hashable, CaseIterable {
    case customers, customerUsage, timeseries, events, breakdown, reconcile
    /// The customer usage view with its chart panel focused.
    case usageChart

    /// The breadcrumb / help title.
    public var title: String {
        switch self {
        case .customers: "Customers"
        case .customerUsage: "Customer usage"
        case .timeseries: "Timeseries"
        case .events: "Events"
        case .breakdown: "Breakdown"
        case .reconcile: "Reconcile"
        case .usageChart: "Customer usage · chart"
        }
    }
}
