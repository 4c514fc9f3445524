import Foundation
import UsageCore

extension AppState {
    /// `Tab` on a customer's usage: focus moves between the totals and the chart of the selected metric below them
    /// (when the terminal is tall enough to draw it).
    mutating func switchUsagePanel() -> [Effect] {
        guard var state = top?.usageState else { return [] }
        let rows = state.usage?.totals.count ?? 0, bills = min(3, state.usage?.bills.count ?? 0)
        if state.focus == .table {
            guard state.usage != nil else {
                message = StatusMessage("the chart panel opens once the usage has loaded", .info)
                return []
            }
            guard state.selectedSeries != nil else {
                message = StatusMessage("no series for this metric: the chart panel has nothing to draw", .info)
                return []
            }
            guard Layout.usageChartRows(height: height, rows: rows, bills: bills) != nil else {
                message = StatusMessage("no room for the chart panel here: Enter opens the metric's chart", .info)
                return []
            }
            state.focus = .chart
        } else {
            state.focus = .table
        }
        top?.usageState = state
        return []
    }

    /// Keys with the chart panel focused: the bucket cursor moves, `e` opens the events of the bucket under it,
    /// `↑`/`↓` chart the previous or next metric; the rest act as on the totals.
    mutating func usageChartCommand(_ command: Command) -> [Effect] {
        guard var state = top?.usageState else { return [] }
        switch command {
        case .previousPoint, .nextPoint, .peakPoint:
            state.chartCursor = Self.moved(state.chartCursor, command, in: state.selectedSeries?.series.points ?? [])
        case .moveUp, .moveDown:
            guard state.cursor.apply(command, count: state.usage?.totals.count ?? 0, visible: tableRows) else {
                return []
            }
            state.chartCursor = nil
        case .openEvents, .openBreakdown:
            guard let (metric, series) = state.selectedSeries else { return [] }
            let period = bucketPeriod(cursor: state.chartCursor, series: series)
            if command == .openBreakdown {
                return openBreakdown(
                    customerID: state.customerID, customerName: state.customerName, metric: metric, period: period)
            }
            return openEvents(
                EventsState(
                    customerID: state.customerID, customerName: state.customerName, metric: metric, period: period))
        case .nextPanel:
            return switchUsagePanel()
        default:
            return usageCommand(command)
        }
        top?.usageState = state
        return []
    }
}
