/// The four views.
public enum ScreenKind: String, Sendable, Hashable, CaseIterable {
    case customers, customerUsage, timeseries, events

    /// The breadcrumb / help title.
    public var title: String {
        switch self {
        case .customers: "Customers"
        case .customerUsage: "Customer usage"
        case .timeseries: "Timeseries"
        case .events: "Events"
        }
    }
}
