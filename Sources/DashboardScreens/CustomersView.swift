import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// The customers table: name, id, period total, 30-day sparkline, last event of the metric, and where the provider
/// gives them the amount billed and the period answered.
enum CustomersView {
    static func render(_ state: AppState, _ options: RenderOptions, area: Rect, buffer: inout Buffer) {
        let theme = options.theme
        let customers = state.customers
        var title = "Customers"
        // A size column in one unit, chosen from its largest total and named in the title: 1.13 above 0.95 TB.
        let scale = HumanUnits.columnScale(largest: customers.holds.largestTotal, unit: state.metric?.unit)
        if let metric = state.metric {
            title += " · \(metric.name)" + ((scale?.unit ?? metric.unit).map { " (\($0))" } ?? "")
        }
        title += " · \(Format.count(customers.visible.count)) of \(Format.count(customers.rows.count))"
        let loading = progressText(customers.progress, now: state.now)
        if let loading { title += " · " + loading }
        if !customers.filter.isEmpty || customers.isEditingFilter {
            title += " · filter: \(Format.typing(customers.filter))" + (customers.isEditingFilter ? "▏" : "")
        }
        // First run: say how to get real numbers in, where it costs no room; a total the column rounds, in full.
        var footer = state.source?.isDemoData == true ? "load yours: usagetop ingest events.jsonl, or --provider" : ""
        if let selected = customers.selectedRow?.summary, scale != nil || Format.rounds(selected.total) {
            footer =
                "\(selected.customer.id): \(Format.exact(selected.total))" + (state.metric?.unit.map { " \($0)" } ?? "")
        }
        Block(
            title: title, footer: footer, borderStyle: theme.text(.border), titleStyle: theme.text(.title),
            glyphs: options.glyphs
        ).render(in: area, buffer: &buffer)
        let inner = Block.inner(area)
        if customers.rows.isEmpty {
            let text =
                customers.error
                ?? (customers.loaded
                    ? "no customers in this store" : "loading customers…" + (loading.map { " " + $0 } ?? ""))
            Chrome.note(text, style: theme.text(customers.error == nil ? .muted : .error), in: inner, buffer: &buffer)
            return
        }
        if customers.visible.isEmpty {
            Chrome.note(
                "no customer matches \"\(Format.typing(customers.filter))\"", style: theme.text(.muted), in: inner,
                buffer: &buffer)
            return
        }
        table(state, options, inner: inner, scale: scale?.divisor).render(in: inner, buffer: &buffer)
    }

    /// `loading 120 of 2,000 · about 1m left` while a provider answers customer by customer; the time left is
    /// the pace since the first report applied to the rest (shown once there is a pace to go by: rows reported all
    /// at once, such as a large store's busiest customers first, make none).
    static func progressText(_ progress: LoadProgress?, now: Date) -> String? {
        guard let progress, progress.total > 0 else { return nil }
        var text = "loading \(Format.count(progress.loaded)) of \(Format.count(progress.total))"
        let elapsed = now.timeIntervalSince(progress.since)
        let done = progress.loaded - progress.first
        if done >= 10, elapsed >= 1, progress.loaded < progress.total {
            let left = elapsed / Double(done) * Double(progress.total - progress.loaded)
            text += " · about \(Format.duration(left)) left"
        }
        return text
    }

    private enum Field: Equatable { case name, id, total, change, daily, lastEvent, amount, period, side(Metric) }

    /// The columns that fit `width`, each as wide as its content: ids in full, totals never cut, names as long as
    /// the room left allows, and on a wide screen other metrics' totals side by side. Columns no row can fill (no daily values, no event times, no money, no other period) are left
    /// out, and when the name would get too little room the last event, sparkline, period and amount columns go, in
    /// that order (a block or ASCII sparkline first halves, two days a column).
    private static func columns(
        _ customers: CustomersState, width: Int, side: [Metric], compared: String?, scale: Decimal?,
        sparkWidth: inout Int
    ) -> [(Field, Table.Column)] {
        let holds = customers.holds
        func marker(_ column: SortColumn) -> String {
            customers.sortColumn == column ? (customers.descending ? " ▼" : " ▲") : ""
        }
        let decimals = scale != nil ? 3 : holds.totalDecimals > 0 ? holds.totalDecimals + 1 : 0
        let largest = scale.map { holds.largestTotal / $0 } ?? holds.largestTotal
        let totalWidth = DecimalText.grouped(largest, fractionDigits: 0).count + decimals + 1
        let total = "Total" + marker(.total), id = "ID" + marker(.id), name = "Name" + marker(.name)
        // Money first: on a narrow screen the sparkline and the last event give way before the amount does.
        var optional: [(Field, Table.Column)] = []
        if let compared {  // asked for: it goes last
            let title = "Δ " + compared + marker(.change)
            optional.append((.change, Table.Column(title, width: max(TextWidth.of(title), 16), alignRight: true)))
        }
        if holds.amounts { optional.append((.amount, Table.Column("Amount", width: 16, alignRight: true))) }
        if !holds.periods.isEmpty { optional.append((.period, Table.Column("Period", width: 23))) }
        if holds.daily {
            optional.append((.daily, Table.Column("Last \(Layout.sparklineDays) days", width: max(sparkWidth, 12))))
        }
        if holds.lastEvent { optional.append((.lastEvent, Table.Column("Last event" + marker(.lastEvent), width: 16))) }
        for metric in side {
            // A measure's unit is named once, in the title (the column's one unit); a count's needs no saying.
            let unit = sideScale(customers, metric)?.unit ?? (HumanUnits.isMeasure(metric.unit) ? metric.unit : nil)
            let title = TextWidth.truncate(
                metric.name + (unit.map { " (\($0))" } ?? ""), to: Layout.sideMetricWidth - 1)
            optional.append((.side(metric), Table.Column(title, width: Layout.sideMetricWidth - 1, alignRight: true)))
        }
        let required: [(Field, Table.Column)] = [
            (.name, Table.Column(name, width: max(name.count, holds.longestName + 1))),
            (.id, Table.Column(id, width: max(id.count, min(holds.longestID, 40)))),
            (.total, Table.Column(total, width: max(total.count, totalWidth), alignRight: true)),
        ]
        let nameRoom = max(name.count, min(holds.longestName, 18))
        func spare(_ fields: [(Field, Table.Column)]) -> Int {
            width - fields.dropFirst().reduce(0) { $0 + $1.1.width } - (fields.count - 1)
        }
        if spare(required + optional) < nameRoom, sparkWidth > 15,
            let daily = optional.firstIndex(where: { $0.0 == Field.daily })
        {
            sparkWidth = 15
            optional[daily].1.width = 15
        }
        while spare(required + optional) < nameRoom, !optional.isEmpty { optional.removeLast() }
        // The name is as wide as the longest one, up to the room left; the rest stays at the right end.
        var fields = required + optional
        fields[0].1.width = max(1, min(fields[0].1.width, spare(fields)))
        return fields
    }

    /// A rise in the warning colour, a fall in the calm one, no change plain.
    private static func changeStyle(_ change: Decimal?, _ theme: Theme) -> Style? {
        guard let change, change != 0 else { return nil }
        return theme.text(change > 0 ? .warn : .ok)
    }

    /// The one unit of a side-by-side metric's column of sizes, from its largest total (nil: the metric's own).
    private static func sideScale(_ customers: CustomersState, _ metric: Metric) -> (unit: String, divisor: Decimal)? {
        guard let contents = customers.sideContents[metric.code] else { return nil }
        return HumanUnits.columnScale(largest: contents.largest, unit: metric.unit)
    }

    /// The table; `scale` divides a size column's totals (its one unit, as the title names it).
    private static func table(_ state: AppState, _ options: RenderOptions, inner: Rect, scale: Decimal?) -> Table {
        let theme = options.theme
        let customers = state.customers
        var sparkWidth = options.plotMode == .braille ? Layout.sparklineDays / 2 : Layout.sparklineDays
        let rows = customers.rows
        let visible = customers.visible
        let compared = state.comparison?.label(of: state.period)
        let fields = columns(
            customers, width: inner.width, side: state.sideMetrics, compared: compared, scale: scale,
            sparkWidth: &sparkWidth)
        let scaled = { (value: Decimal) in
            scale.map { DecimalText.grouped(value / $0, fractionDigits: 2) } ?? Format.value(value)
        }
        let sideScales = Dictionary(
            state.sideMetrics.map { ($0.code, sideScale(customers, $0)) }, uniquingKeysWith: { a, _ in a })
        return Table(
            columns: fields.map(\.1), rowCount: visible.count, offset: customers.cursor.offset,
            selected: customers.cursor.selected, style: theme.base, headerStyle: theme.text(.tableHeader),
            selectedStyle: theme.fill(.selection),
            cell: { row, column in
                let summary = rows[visible[row]].summary
                switch fields[column].0 {
                case .name:
                    return summary.subscription.map { "\(summary.customer.name) · \($0)" } ?? summary.customer.name
                case .id: return summary.customer.id
                case .change:
                    let row = rows[visible[row]]
                    guard let change = row.change, let previous = row.previous else { return "…" }
                    return Comparison.text(change, previous: previous) { scaled($0) }
                case .total:
                    return DecimalText.aligned(
                        scaled(summary.total), decimals: scale == nil ? customers.holds.totalDecimals : 2)
                case .daily:
                    return Sparkline.text(values: summary.daily.doubles, width: sparkWidth, mode: options.plotMode)
                case .lastEvent: return summary.lastEventAt.map(UTCTime.short) ?? "—"
                case .amount:
                    return summary.amounts.isEmpty ? "—" : summary.amounts.map(\.text).joined(separator: " + ")
                case .period:
                    if summary.periods.count > 1 { return "\(summary.periods.count) periods" }
                    return summary.periods.first.map(PeriodText.span) ?? "as asked"
                case .side(let metric):
                    guard let value = customers.sideTotals[metric.code]?[summary.customer.id] else {
                        return customers.sideTotals[metric.code] == nil ? "…" : "0"
                    }
                    let scale = sideScales[metric.code] ?? nil
                    return DecimalText.aligned(
                        scale.map { DecimalText.grouped(value / $0.divisor, fractionDigits: 2) } ?? Format.value(value),
                        decimals: scale == nil ? customers.sideContents[metric.code]?.decimals ?? 0 : 2)
                }
            },
            cellStyle: { row, column in
                switch fields[column].0 {
                case .id, .period: theme.text(.muted)
                case .change: changeStyle(rows[visible[row]].change, theme)
                case .daily: theme.text(.sparkline)
                default: nil
                }
            })
    }
}
