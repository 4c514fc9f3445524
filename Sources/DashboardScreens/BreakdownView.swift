import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// A metric split by the values of an event property (or, for a provider that splits its bill, by its own filters
/// and groups, with what it bills for each): each value's events, total and share, largest first.
enum BreakdownView {
    static func render(
        _ breakdown: BreakdownState, _ state: AppState, _ options: RenderOptions, area: Rect,
        buffer: inout Buffer
    ) {
        let theme = options.theme
        var title = "\(breakdown.metric.displayName) by \(breakdown.key ?? "…") · \(breakdown.customerName)"
        if let period = breakdown.period { title += " · " + PeriodText.span(period) }
        let footer = breakdown.keys.count > 1 ? "Tab: " + breakdown.keys.joined(separator: " · ") : ""
        Block(
            title: title, footer: footer, borderStyle: theme.text(.border), titleStyle: theme.text(.title),
            glyphs: options.glyphs
        ).render(in: area, buffer: &buffer)
        let inner = Block.inner(area)
        guard let rows = breakdown.rows, breakdown.error == nil else {
            Chrome.note(
                breakdown.error ?? "loading breakdown…", style: theme.text(breakdown.error == nil ? .muted : .warn),
                in: inner, buffer: &buffer)
            return
        }
        let whole = rows.reduce(Decimal(0)) { $0 + $1.total }
        let additive = breakdown.metric.aggregation.isAdditive
        let priced = rows.contains { $0.amount != nil }
        let barWidth = max(8, min(30, inner.width - (priced ? 77 : 60)))
        var columns = [
            Table.Column(breakdown.key ?? "value", width: 0), Table.Column("Events", width: 9, alignRight: true),
            Table.Column("Total", width: 16, alignRight: true), Table.Column("Share", width: 7, alignRight: true),
            Table.Column("", width: barWidth),
        ]
        if priced { columns.insert(Table.Column("Amount", width: 16, alignRight: true), at: 3) }
        let bar = priced ? 5 : 4
        Table(
            columns: columns,
            rowCount: rows.count, offset: breakdown.cursor.offset, selected: breakdown.cursor.selected,
            style: theme.base,
            headerStyle: theme.text(.tableHeader), selectedStyle: theme.fill(.selection),
            cell: { row, column in
                let item = rows[row]
                let share = additive && whole > 0 ? item.total / whole : nil
                switch (column, priced) {
                case (0, _): return item.text(by: breakdown.key ?? "it")
                case (1, _): return Format.count(item.events)
                case (2, _): return Format.value(item.total, unit: breakdown.metric.unit)
                case (3, true): return item.amount?.text ?? "—"
                case (3, false), (4, true):
                    return share.map { DecimalText.grouped($0 * 100, fractionDigits: 1) + "%" } ?? "—"
                default:
                    let filled = share.map { Int((DecimalText.double($0) * Double(barWidth)).rounded()) } ?? 0
                    return String(repeating: options.glyphs == .ascii ? "#" : "█", count: max(0, min(barWidth, filled)))
                }
            },
            cellStyle: { _, column in column == bar ? theme.text(.chart) : nil }
        ).render(in: inner, buffer: &buffer)
    }
}
