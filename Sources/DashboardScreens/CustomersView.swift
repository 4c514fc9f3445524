import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// The customers table: name, id, period total, 30-day sparkline, last event.
enum CustomersView {
    static func render(_ state: AppState, _ options: RenderOptions, area: Rect, buffer: inout Buffer) {
        let theme = options.theme
        let customers = state.customers
        var title = "Customers"
        if let metric = state.metric { title += " · \(metric.name)" + (metric.unit.map { " (\($0))" } ?? "") }
        title += " · \(customers.visible.count) of \(customers.rows.count)"
        if !customers.filter.isEmpty || customers.isEditingFilter {
            title += " · filter: \(customers.filter)" + (customers.isEditingFilter ? "▏" : "")
        }
        Block(title: title, borderStyle: theme.text(.border), titleStyle: theme.text(.title), glyphs: options.glyphs)
            .render(in: area, buffer: &buffer)
        let inner = Block.inner(area)
        if customers.rows.isEmpty {
            let text = customers.error ?? (customers.loaded ? "no customers in this store" : "loading customers…")
            Chrome.note(text, style: theme.text(customers.error == nil ? .muted : .error), in: inner, buffer: &buffer)
            return
        }
        if customers.visible.isEmpty {
            Chrome.note("no customer matches \"\(customers.filter)\"", style: theme.text(.muted), in: inner, buffer: &buffer)
            return
        }
        table(state, options, inner: inner).render(in: inner, buffer: &buffer)
    }

    private static func table(_ state: AppState, _ options: RenderOptions, inner: Rect) -> Table {
        let theme = options.theme
        let customers = state.customers
        let sparkWidth = options.plotMode == .braille ? Layout.sparklineDays / 2 : Layout.sparklineDays
        let wide = inner.width >= 100
        func marker(_ column: SortColumn) -> String {
            customers.sortColumn == column ? (customers.descending ? " ▼" : " ▲") : ""
        }
        var columns = [
            Table.Column("Name" + marker(.name), width: 0),
            Table.Column("ID" + marker(.id), width: wide ? 14 : 10),
            Table.Column("Total" + marker(.total), width: 14, alignRight: true),
            Table.Column("Last \(Layout.sparklineDays) days", width: max(sparkWidth, 12)),
        ]
        if wide || inner.width >= 78 { columns.append(Table.Column("Last event" + marker(.lastEvent), width: 16)) }
        let rows = customers.rows
        let visible = customers.visible
        return Table(
            columns: columns, rowCount: visible.count, offset: customers.cursor.offset, selected: customers.cursor.selected,
            style: theme.base, headerStyle: theme.text(.tableHeader), selectedStyle: theme.fill(.selection),
            cell: { row, column in
                let summary = rows[visible[row]].summary
                switch column {
                case 0: return summary.customer.name
                case 1: return summary.customer.id
                case 2: return Format.value(summary.total)
                case 3:
                    return Sparkline.text(values: summary.daily.map(DecimalText.double), width: sparkWidth, mode: options.plotMode)
                default: return summary.lastEventAt.map(UTCTime.short) ?? "—"
                }
            },
            cellStyle: { _, column in
                switch column {
                case 1: theme.text(.muted)
                case 3: theme.text(.sparkline)
                default: nil
                }
            })
    }
}
