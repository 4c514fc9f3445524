import UsageCore

extension Screen {
    /// The request the view waits for.
    var request: RequestID? {
        switch self {
        case .customerUsage(let s): s.data.request
        case .timeseries(let s): s.data.request
        case .events(let s): s.data.request
        case .breakdown(let s): s.data.request
        case .reconcile(let s): s.data.request
        }
    }

    /// Waits for `id`'s answer instead of the request out before.
    mutating func begin(_ id: RequestID) {
        switch self {
        case .customerUsage(var s): (s.data.begin(id), self = .customerUsage(s))
        case .timeseries(var s): (s.data.begin(id), self = .timeseries(s))
        case .events(var s): (s.data.begin(id), self = .events(s))
        case .breakdown(var s): (s.data.begin(id), self = .breakdown(s))
        case .reconcile(var s): (s.data.begin(id), self = .reconcile(s))
        }
    }

    /// The customer usage view's state, nil for another view; setting it replaces the view.
    var usageState: CustomerUsageState? {
        get { if case .customerUsage(let s) = self { s } else { nil } }
        set { if let newValue { self = .customerUsage(newValue) } }
    }

    /// The chart's state, nil for another view; setting it replaces the view.
    var seriesState: TimeseriesState? {
        get { if case .timeseries(let s) = self { s } else { nil } }
        set { if let newValue { self = .timeseries(newValue) } }
    }

    /// The events view's state, nil for another view; setting it replaces the view.
    var eventsState: EventsState? {
        get { if case .events(let s) = self { s } else { nil } }
        set { if let newValue { self = .events(newValue) } }
    }

    /// The breakdown's state, nil for another view; setting it replaces the view.
    var breakdownState: BreakdownState? {
        get { if case .breakdown(let s) = self { s } else { nil } }
        set { if let newValue { self = .breakdown(newValue) } }
    }

    /// The reconcile view's state, nil for another view; setting it replaces the view.
    var reconcileState: ReconcileState? {
        get { if case .reconcile(let s) = self { s } else { nil } }
        set { if let newValue { self = .reconcile(newValue) } }
    }
}

/// A view whose data is one `Loadable`.
protocol LoadingView {
    /// What the view loads.
    associatedtype Value: Sendable
    /// The data, its request and its failure.
    var data: Loadable<Value> { get set }
}

extension CustomerUsageState: LoadingView {}
extension TimeseriesState: LoadingView {}
extension EventsState: LoadingView {}
extension BreakdownState: LoadingView {}
extension ReconcileState: LoadingView {}

extension Screen {
    /// The customer the view is about (id and name), nil for a view of every customer.
    var customer: (id: String, name: String)? {
        switch self {
        case .customerUsage(let s): (s.customerID, s.customerName)
        case .timeseries(let s): s.customerID.map { ($0, s.customerName ?? $0) }
        case .events(let s): (s.customerID, s.customerName)
        case .breakdown(let s): (s.customerID, s.customerName)
        case .reconcile(let s): s.customerID.map { ($0, s.customerName ?? $0) }
        }
    }
}
