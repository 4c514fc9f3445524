import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// A metric split by the values of an event property: each value's events, total and share, largest first.
enum BreakdownView {
    static func render(_ breakdown: BreakdownState, _ state: AppState, _ options: RenderOptions, area: Rect,
                       buffer: inout Buffer) {
        let theme = options.theme
        var title = "\(breakdown.metric.displayName) by \(breakdown.key ?? "…") · \(breakdown.customerName)"
        if let period = breakdown.period { title += " · " + Format.span(period) }
        let footer = breakdown.keys.count > 1 ? "Tab: " + breakdown.keys.joined(separator: " · ") : ""
        Block(title: title, footer: footer, borderStyle: theme.text(.border), titleStyle: theme.text(.title),
              glyphs: options.glyphs).render(in: area, buffer: &buffer)
        let inner = Block.inner(area)
        guard let rows = breakdown.rows, breakdown.error == nil else {
            Chrome.note(breakdown.error ?? "loading breakdown…", style: theme.text(breakdown.error == nil ? .muted : .warn),
                        in: inner, buffer: &buffer)
            return
        }
        let whole = rows.reduce(Decimal(0)) { $0 + $1.total }
        let additive = breakdown.metric.aggregation.isAdditive
        let barWidth = max(8, min(30, inner.width - 60))
        Table(
            columns: [
                Table.Column(breakdown.key ?? "value", width: 0), Table.Column("Events", width: 9, alignRight: true),
                Table.Column("Total", width: 16, alignRight: true), Table.Column("Share", width: 7, alignRight: true),
                Table.Column("", width: barWidth),
            ],
            rowCount: rows.count, offset: breakdown.cursor.offset, selected: breakdown.cursor.selected, style: theme.base,
            headerStyle: theme.text(.tableHeader), selectedStyle: theme.fill(.selection),
            cell: { row, column in
                let item = rows[row]
                let share = additive && whole > 0 ? item.total / whole : nil
                switch column {
                case 0: return item.value ?? "(without \(breakdown.key ?? "it"))"
                case 1: return DecimalText.grouped(Decimal(item.events), fractionDigits: 0)
                case 2: return Format.value(item.total, unit: breakdown.metric.unit)
                case 3: return share.map { DecimalText.grouped($0 * 100, fractionDigits: 1) + "%" } ?? "—"
                default:
                    let filled = share.map { Int((DecimalText.double($0) * Double(barWidth)).rounded()) } ?? 0
                    return String(repeating: options.glyphs == .ascii ? "#" : "█", count: max(0, min(barWidth, filled)))
                }
            },
            cellStyle: { _, column in column == 4 ? theme.text(.chart) : nil }
        ).render(in: inner, buffer: &buffer)
    }
}
