import Foundation
import UsageCore

/// What the current view shows, as CSV or JSON text: copied with `y` (OSC 52) or written to a file with `w` and
/// `:export`. Values are exact (no grouping or rounding), as in headless output.
public struct ViewExport: Sendable, Hashable {
    /// The text, ending in a newline.
    public var text: String
    /// What it holds, for the status line (`14 customers`).
    public var summary: String
    /// A file name stem (`customers-api_calls`).
    public var name: String

    /// The current view of `state` as `format`; nil when it has nothing loaded. The columns are those of the headless
    /// command that answers the same question (`ExportTable`); the rows are those on screen, in screen order.
    public static func of(_ state: AppState, as format: ExportFormat) -> ViewExport? {
        guard let table = table(of: state) else { return nil }
        return ViewExport(text: table.text(format), summary: "\(table.rows.count) \(table.noun)", name: table.name)
    }

    /// The current view's table; nil when it has nothing loaded.
    static func table(of state: AppState) -> ExportTable? {
        let requested = state.resolvedPeriod
        switch state.stack.last {
        case nil:
            guard let metric = state.metric, !state.customers.rows.isEmpty else { return nil }
            let rows = state.customers.visible.map { state.customers.rows[$0].summary }
            return .customers(
                rows, metric: metric, requested: requested,
                previous: state.comparison == nil ? nil : state.customers.previousTotals)
        case .customerUsage(let usage):
            return usage.usage.map {
                .usage(
                    $0.totals, customerID: usage.customerID, requested: requested,
                    previous: state.comparison == nil ? nil : usage.previous?.totals)
            }
        case .timeseries(let chart):
            return chart.series.map {
                .series($0, customerID: chart.customerID, previous: state.comparison == nil ? nil : chart.previous)
            }
        case .events(let events):
            return events.page.map { .events($0, customerID: events.customerID, metricCode: events.metric.code) }
        case .breakdown(let split):
            guard let rows = split.rows, let key = split.key else { return nil }
            return .breakdown(rows, key: key, metric: split.metric, customerID: split.customerID)
        case .reconcile(let check):
            return check.data.value.map { .reconcile($0) }
        }
    }
}

/// How a view is exported.
public enum ExportFormat: String, Sendable, Hashable, CaseIterable {
    case csv, json
}
