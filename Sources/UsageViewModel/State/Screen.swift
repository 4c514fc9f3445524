/// A view on the navigation stack above the customers view.
public enum Screen: Sendable, Equatable {
    case customerUsage(CustomerUsageState)
    case timeseries(TimeseriesState)
    case events(EventsState)
    case breakdown(BreakdownState)
    case reconcile(ReconcileState)

    /// Which view this is.
    public var kind: ScreenKind {
        switch self {
        case .customerUsage(let state): state.focus == .chart ? .usageChart : .customerUsage
        case .timeseries: .timeseries
        case .events: .events
        case .breakdown: .breakdown
        case .reconcile: .reconcile
        }
    }
}

/// Something drawn over the current view.
public enum Overlay: Sendable, Hashable {
    /// The key map of the current view, scrolled by `scroll` lines.
    case help(scroll: Int)
    /// One event's properties, pretty-printed, scrolled by `scroll` lines.
    case eventDetail(lines: [String], title: String, scroll: Int)
    /// The period picker (`p`).
    case periodPicker(PeriodPicker)
}

/// How serious a status message is.
public enum Severity: Sendable, Hashable {
    case info, warning, error
}
