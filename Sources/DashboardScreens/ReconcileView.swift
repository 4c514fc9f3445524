import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// A customer's bills (or every customer's) checked against their events and the plan: a line per charge and
/// billing period, those that differ first (the largest money difference first), with the units the events hold
/// beside the units billed and what the difference costs; the selected line's causes in the footer.
enum ReconcileView {
    static func render(
        _ check: ReconcileState, _ state: AppState, _ options: RenderOptions, area: Rect, buffer: inout Buffer
    ) {
        let theme = options.theme
        let lines = check.lines ?? []
        let selected = lines.indices.contains(check.cursor.selected) ? lines[check.cursor.selected] : nil
        let footer = selected.map { $0.agrees ? "agrees" : $0.causes.joined(separator: "; ") } ?? ""
        Block(
            title: "Bills vs events · \(check.customerName ?? "every customer")", footer: footer,
            borderStyle: theme.text(.border), titleStyle: theme.text(.title), glyphs: options.glyphs
        ).render(in: area, buffer: &buffer)
        let inner = Block.inner(area)
        guard check.data.value != nil, check.error == nil else {
            Chrome.note(
                check.error ?? "checking the bills against the events…",
                style: theme.text(check.error == nil ? .muted : .warn), in: inner, buffer: &buffer)
            return
        }
        let everyone = check.customerID == nil
        var columns = [
            Table.Column("Charge", width: 12), Table.Column("Period", width: 11),
            Table.Column("Events", width: 9, alignRight: true), Table.Column("Billed", width: 9, alignRight: true),
            Table.Column("Δ Units", width: 8, alignRight: true), Table.Column("Δ Amount", width: 11, alignRight: true),
            Table.Column("Cause", width: 0),
        ]
        if everyone { columns.insert(Table.Column("Customer", width: inner.width >= 120 ? 24 : 10), at: 0) }
        let shift = everyone ? 1 : 0
        Table(
            columns: columns, rowCount: lines.count, offset: check.cursor.offset, selected: check.cursor.selected,
            style: theme.base, headerStyle: theme.text(.tableHeader), selectedStyle: theme.fill(.selection),
            cell: { row, column in cell(lines[row], column: column - shift) },
            cellStyle: { row, _ in lines[row].agrees ? nil : theme.text(.warn) }
        ).render(in: inner, buffer: &buffer)
    }

    /// The text of `line` in column `column` (-1: the customer).
    private static func cell(_ line: ReconcileLine, column: Int) -> String {
        switch column {
        case -1: return line.customer.name
        case 0: return line.metricCode + (line.charge.map { "·\($0)" } ?? "")
        case 1: return span(line.period)
        case 2: return Format.value(line.eventUnits)
        case 3: return Format.value(line.billedUnits)
        case 4: return signed(line.unitDifference)
        case 5:
            guard let cents = line.moneyDifference, let currency = line.currency else { return "—" }
            let text = Money(minorUnits: abs(cents), currency: currency).text
            return cents == 0 ? text : (cents > 0 ? "+" : "-") + text
        default: return line.agrees ? "agrees" : line.causes.first ?? ""
        }
    }

    /// `+4`, `-2`, `0`.
    private static func signed(_ value: Decimal) -> String {
        (value > 0 ? "+" : "") + Format.value(value)
    }

    /// `11-01→12-01` (month and day of the half-open bounds, UTC).
    private static func span(_ period: Period) -> String {
        let day = { (date: Date) in String(UTCTime.iso(date).dropFirst(5).prefix(5)) }
        return "\(day(period.start))→\(day(period.end))"
    }
}
