import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// The top customers of the metric on screen: rank, name, total, change against the previous period and a
/// daily sparkline; customers with an alert on this metric are drawn in the alert's colour and marked `!`.
enum BoardPanel {
    static func render(_ state: MonitorState, _ options: RenderOptions, area: Rect, buffer: inout Buffer) {
        let theme = options.theme
        let panel = state.board
        var title = "Top customers"
        if let metric = state.metric {
            title += " · \(metric.name)" + (metric.unit.map { " (\($0))" } ?? "")
            if state.metrics.count > 1 { title += " · \(state.metricIndex + 1)/\(state.metrics.count)" }
        }
        if let board = panel.value { title += " · \(Format.count(board.activeCustomers)) active" }
        let frame = PanelFrame(title: title, freshness: PanelFrame.freshness(panel, state))
        let inner = frame.render(in: area, options: options, buffer: &buffer)
        guard let board = panel.value else {
            let text = panel.error ?? (state.catalog.error.map { _ in "waiting for the metric list" } ?? "loading…")
            Chrome.note(text, style: theme.text(panel.error == nil ? .muted : .error), in: inner, buffer: &buffer)
            return
        }
        if board.rows.isEmpty {
            Chrome.note(
                "no usage of \(board.metric.name) in \(state.period.label)", style: theme.text(.muted), in: inner,
                buffer: &buffer)
            return
        }
        table(board, state, options, width: inner.width).render(in: inner, buffer: &buffer)
        frame.fade(area, options: options, buffer: &buffer)
    }

    private static func table(_ board: Leaderboard, _ state: MonitorState, _ options: RenderOptions, width: Int)
        -> Table
    {
        let theme = options.theme
        let days = Layout.monitorSparklineDays
        let sparkWidth = options.plotMode == .braille ? days / 2 : days
        let flagged = state.alertsOnScreen
        var columns = [
            Table.Column("#", width: 3, alignRight: true),
            Table.Column("Customer", width: 0),
            Table.Column("Total", width: 14, alignRight: true),
        ]
        let showsChange = board.rows.first?.previous != nil
        let compared = state.period.comparisonLabel  // the header says what the change compares with
        if showsChange {
            columns.append(Table.Column(compared, width: max(8, TextWidth.of(compared)), alignRight: true))
        }
        let showsSpark = board.rows.contains { !$0.daily.isEmpty } && width >= 60
        if showsSpark { columns.append(Table.Column("\(days) days", width: sparkWidth)) }
        let rows = board.rows
        return Table(
            columns: columns, rowCount: rows.count, offset: 0, selected: nil, style: theme.base,
            headerStyle: theme.text(.tableHeader), selectedStyle: theme.base,
            cell: { row, column in
                let line = rows[row]
                switch column {
                case 0: return "\(row + 1)"
                case 1:
                    return (flagged[line.customer.id] == nil ? "" : "! ") + line.customer.name
                        + (line.subscription.map { " · " + $0 } ?? "")
                case 2: return Format.value(line.total)
                case 3 where showsChange: return change(line)
                default:
                    return Sparkline.text(
                        values: line.daily.map(DecimalText.double), width: sparkWidth, mode: options.plotMode)
                }
            },
            cellStyle: { row, column in
                if let alert = flagged[rows[row].customer.id], column <= 2 {
                    return theme.text(alert.level == .error ? ThemeRole.error : .warn)
                }
                switch column {
                case 0: return theme.text(.muted)
                case 3 where showsChange:
                    guard let ratio = rows[row].change else { return theme.text(.muted) }
                    return ratio < 0 ? theme.text(.muted) : theme.text(.ok)
                case 4, 3: return theme.text(.sparkline)
                default: return nil
                }
            })
    }

    private static func change(_ row: Leaderboard.Row) -> String {
        if let ratio = row.change { return Format.change(ratio) }
        return row.previous == 0 && row.total != 0 ? "new" : "—"
    }
}
