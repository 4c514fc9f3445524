import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// One customer's totals per metric with a sparkline each.
enum CustomerUsageView {
    static func render(_ usage: CustomerUsageState, _ state: AppState, _ options: RenderOptions, area: Rect,
                       buffer: inout Buffer) {
        let theme = options.theme
        var title = "\(usage.customerName) · \(usage.customerID)"
        if let currency = usage.usage?.customer.currency { title += " · \(currency)" }
        title += " · by \(state.bucket.rawValue)"
        Block(title: title, borderStyle: theme.text(.border), titleStyle: theme.text(.title), glyphs: options.glyphs)
            .render(in: area, buffer: &buffer)
        let inner = Block.inner(area)
        guard let data = usage.usage else {
            let text = usage.error ?? "loading usage…"
            Chrome.note(text, style: theme.text(usage.error == nil ? .muted : .error), in: inner, buffer: &buffer)
            return
        }
        let totals = data.totals
        let sparkWidth = max(10, min(40, inner.width - 76))
        let columns = [
            Table.Column("Metric", width: 0),
            Table.Column("Aggregation", width: 12),
            Table.Column("Total", width: 18, alignRight: true),
            Table.Column("Unit", width: 6),
            Table.Column("Events", width: 9, alignRight: true),
            Table.Column("Trend", width: sparkWidth),
        ]
        Table(
            columns: columns, rowCount: totals.count, offset: usage.cursor.offset, selected: usage.cursor.selected,
            style: theme.base, headerStyle: theme.text(.tableHeader), selectedStyle: theme.fill(.selection),
            cell: { row, column in
                let total = totals[row]
                switch column {
                case 0: return total.metric.name
                case 1: return total.metric.aggregation.rawValue
                case 2: return Format.value(total.value)
                case 3: return total.metric.unit ?? ""
                case 4: return total.eventCount.map { DecimalText.grouped(Decimal($0), fractionDigits: 0) } ?? "—"
                default:
                    guard let series = data.series[total.metric.code] else { return "—" }
                    return Sparkline.text(values: series.points.map { DecimalText.double($0.value) }, width: sparkWidth,
                                          mode: options.plotMode)
                }
            },
            cellStyle: { _, column in column == 5 ? theme.text(.sparkline) : (column == 1 ? theme.text(.muted) : nil) }
        ).render(in: inner, buffer: &buffer)
    }
}
