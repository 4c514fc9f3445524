import KeyInput

extension AppState {
    /// The first screen row of a table's rows: the header bar, the breadcrumbs, the block's top border and the
    /// column headers come first.
    static let firstTableRow = 4

    /// A click selects the table row under it, a double click also opens it (as `Enter`); nil for other keys and
    /// for clicks outside a table.
    mutating func pointed(_ key: Key) -> [Effect]? {
        let (x, y, opens): (Int, Int, Bool)
        switch key {
        case .click(let cx, let cy): (x, y, opens) = (cx, cy, false)
        case .doubleClick(let cx, let cy): (x, y, opens) = (cx, cy, true)
        default: return nil
        }
        if case .timeseries(let chart)? = stack.last { return pointedAtChart(chart, x: x, opens: opens) }
        if case .customerUsage(let usage)? = stack.last,
            let effects = pointedAtUsageChart(usage, x: x, y: y, opens: opens)
        {
            return effects
        }
        let row = y - Self.firstTableRow
        guard x > 0, x < width - 1, row >= 0, row < tableRows else { return [] }
        switch stack.last {
        case nil:
            var cursor = customers.cursor
            guard select(&cursor, row: row, count: customers.visible.count) else { return [] }
            customers.cursor = cursor
        case .customerUsage(var state)?:
            guard select(&state.cursor, row: row, count: state.usage?.totals.count ?? 0) else { return [] }
            top?.usageState = state
        case .events(var state)?:
            guard select(&state.cursor, row: row, count: state.page?.items.count ?? 0) else { return [] }
            top?.eventsState = state
        case .breakdown(var state)?:
            guard select(&state.cursor, row: row, count: state.rows?.count ?? 0) else { return [] }
            top?.breakdownState = state
        case .reconcile(var state)?:
            guard select(&state.cursor, row: row, count: state.lines?.count ?? 0) else { return [] }
            top?.reconcileState = state
        case .timeseries?:
            return []
        }
        guard opens else { return [] }
        switch screenKind {
        case .customers: return customersCommand(.open)
        case .customerUsage: return usageCommand(.open)
        case .events: return eventsCommand(.open)
        case .breakdown: return breakdownCommand(.open)
        case .reconcile: return reconcileCommand(.open)
        case .timeseries, .usageChart: return []
        }
    }

    /// A click on a chart puts the cursor on the bucket under it; a double click opens that bucket's events.
    private mutating func pointedAtChart(_ chart: TimeseriesState, x: Int, opens: Bool) -> [Effect] {
        guard let series = chart.series,
            let index = Layout.chartBucket(atColumn: x, width: width, series: series, unit: chart.metric.unit)
        else { return [] }
        var chart = chart
        chart.cursor = index
        top?.seriesState = chart
        return opens ? timeseriesCommand(.openEvents) : []
    }

    /// A click in the chart panel under a customer's totals focuses it and selects the bucket there; a double click
    /// opens its events. Nil when the click is elsewhere.
    private mutating func pointedAtUsageChart(_ usage: CustomerUsageState, x: Int, y: Int, opens: Bool) -> [Effect]? {
        guard let (metric, series) = usage.selectedSeries,
            let rows = Layout.usageChartRows(
                height: height, rows: usage.usage?.totals.count ?? 0,
                bills: min(3, usage.usage?.bills.count ?? 0))
        else { return nil }
        let plotTop = height - 2 - rows + 2
        guard y >= plotTop, y < height - 2 else { return nil }
        guard let index = Layout.chartBucket(atColumn: x, width: width, series: series, unit: metric.unit) else {
            return []
        }
        var usage = usage
        (usage.focus, usage.chartCursor) = (.chart, index)
        top?.usageState = usage
        return opens ? usageChartCommand(.openEvents) : []
    }

    /// Moves `cursor` onto the row shown `row` lines below the first; false when no row is there.
    private func select(_ cursor: inout ListCursor, row: Int, count: Int) -> Bool {
        let index = cursor.offset + row
        guard index < count else { return false }
        cursor.selected = index
        return true
    }
}
