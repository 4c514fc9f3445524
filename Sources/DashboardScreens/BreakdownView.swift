import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// A metric split by the values of an event property (or, for a provider that splits its bill, by its own filters
/// and groups, with what it bills for each): each value's events, total and share, largest first.
enum BreakdownView {
    private enum Field { case value, events, total, change, amount, share, bar }

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
        let previous = breakdown.data.value?.previous
        var fields: [(Field, Table.Column)] = [
            (.value, Table.Column(breakdown.key ?? "value", width: 0)),
            (.events, Table.Column("Events", width: 9, alignRight: true)),
            (.total, Table.Column("Total", width: 16, alignRight: true)),
        ]
        if previous != nil {
            let against = breakdown.period == nil ? state.period.comparisonLabel : "vs prev bucket"
            fields.append((.change, Table.Column("Δ " + against, width: max(18, against.count + 2), alignRight: true)))
        }
        if priced { fields.append((.amount, Table.Column("Amount", width: 16, alignRight: true))) }
        fields.append((.share, Table.Column("Share", width: 7, alignRight: true)))
        // The values as wide as the longest (up to 60), the bar the rest (up to 60): never a wide column of blanks.
        // Narrow, the bar goes first, then the event count, so the value, its total, change, amount and share stay.
        let longest = rows.prefix(500).map { TextWidth.of($0.text(by: breakdown.key ?? "it")) }.max() ?? 0
        let valueWidth = min(60, max(12, TextWidth.of(breakdown.key ?? "value"), longest))
        var used: Int { fields.dropFirst().reduce(0) { $0 + $1.1.width + 1 } }
        if inner.width - used - 12 < 0 { fields.removeAll { $0.0 == .events } }
        let barWidth = min(60, inner.width - used - valueWidth - 1)
        fields[0].1.width = max(1, min(valueWidth, inner.width - used - max(0, barWidth) - (barWidth >= 8 ? 1 : 0)))
        if barWidth >= 8 { fields.append((.bar, Table.Column("", width: barWidth))) }
        Table(
            columns: fields.map(\.1),
            rowCount: rows.count, offset: breakdown.cursor.offset, selected: breakdown.cursor.selected,
            style: theme.base,
            headerStyle: theme.text(.tableHeader), selectedStyle: theme.fill(.selection),
            cell: { row, column in
                let item = rows[row]
                let share = additive && whole > 0 ? item.total / whole : nil
                switch fields[column].0 {
                case .value: return item.text(by: breakdown.key ?? "it")
                case .events: return Format.count(item.events)
                case .total: return Format.value(item.total, unit: breakdown.metric.unit)
                case .change:
                    let before = previous?[item.value] ?? 0
                    return Comparison.text(item.total - before, previous: before) {
                        Format.value($0, unit: breakdown.metric.unit)
                    }
                case .amount: return item.amount?.text ?? "—"
                case .share: return share.map { DecimalText.grouped($0 * 100, fractionDigits: 1) + "%" } ?? "—"
                case .bar:
                    let filled = share.map { Int((DecimalText.double($0) * Double(barWidth)).rounded()) } ?? 0
                    return String(repeating: options.glyphs == .ascii ? "#" : "█", count: max(0, min(barWidth, filled)))
                }
            },
            cellStyle: { _, column in fields[column].0 == .bar ? theme.text(.chart) : nil }
        ).render(in: inner, buffer: &buffer)
    }
}
