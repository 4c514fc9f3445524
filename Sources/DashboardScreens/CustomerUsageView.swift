import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// One customer's totals, one row per metric (or per charge where the provider bills a metric through several),
/// with the amount billed and the period answered when the provider gives them, and a sparkline each.
enum CustomerUsageView {
    static func render(
        _ usage: CustomerUsageState, _ state: AppState, _ options: RenderOptions, area: Rect,
        buffer: inout Buffer
    ) {
        let theme = options.theme
        var title = "\(usage.customerName) · \(usage.customerID)"
        if let currency = usage.usage?.customer.currency { title += " · \(currency)" }
        let amounts = usage.usage?.totals.filter { $0.amount != nil } ?? []
        // Where the provider's bill is kept beside the plan's pricing of the same events, the title sums the bill
        // (the plan's amounts stay on their rows, to compare), never both.
        let fromBills = amounts.filter { $0.plan == nil }
        let priced = fromBills.isEmpty ? amounts : fromBills
        // One sum only over one period: amounts of different billing periods are each on their bill's line below.
        let billed = Set(priced.map(\.period)).count == 1 ? Money.totals(priced.compactMap(\.amount)) : []
        let plans = Set(priced.compactMap(\.plan))
        // Amounts from a config.toml plan are usagetop's pricing, not a bill: the title names the plan instead.
        let word = plans.count == 1 && priced.allSatisfy({ $0.plan != nil }) ? "plan \(plans.first!)" : "billed"
        if !billed.isEmpty { title += " · \(word) " + billed.map(\.text).joined(separator: " + ") }
        let perPeriod = usage.usage?.series.values.contains { $0.isPerBillingPeriod } == true
        title += " · by \(perPeriod ? "billing period" : state.bucket.rawValue)"
        Block(title: title, borderStyle: theme.text(.border), titleStyle: theme.text(.title), glyphs: options.glyphs)
            .render(in: area, buffer: &buffer)
        let inner = Block.inner(area)
        guard let data = usage.usage else {
            let text = usage.error ?? "loading usage…"
            Chrome.note(text, style: theme.text(usage.error == nil ? .muted : .error), in: inner, buffer: &buffer)
            return
        }
        if data.totals.isEmpty {
            Chrome.note("no usage billed for this period", style: theme.text(.muted), in: inner, buffer: &buffer)
            return
        }
        let billLines = Array(data.bills.suffix(min(3, max(0, inner.height - 4))))
        let chartRows =
            usage.selectedSeries == nil
            ? nil
            : Layout.usageChartRows(height: state.height, rows: data.totals.count, bills: billLines.count)
        let below = billLines.count + (chartRows.map { $0 + 1 } ?? 0)
        let tableArea = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - below)
        let compared = state.comparison.map {
            (label: $0.label(of: state.period), changes: changes(data, usage.previous))
        }
        table(data, usage, compared, options, inner: tableArea).render(in: tableArea, buffer: &buffer)
        for (offset, bill) in billLines.enumerated() {
            buffer.write(
                " " + bill.line(period: PeriodText.span(bill.period)), x: inner.x, y: tableArea.bottom + offset,
                style: theme.text(.accent),
                limit: inner.width)
        }
        if let chartRows, let (metric, series) = usage.selectedSeries {
            let area = Rect(x: inner.x, y: inner.bottom - chartRows, width: inner.width, height: chartRows)
            chartPanel(metric, series, usage, state, options, area: area, buffer: &buffer)
        }
    }

    /// The chart of the selected metric under the totals: a rule with its title (bright when `Tab` has focused it),
    /// the bucket readout or the series' range, and the bars.
    private static func chartPanel(
        _ metric: Metric, _ series: TimeSeries, _ usage: CustomerUsageState, _ state: AppState,
        _ options: RenderOptions, area: Rect, buffer: inout Buffer
    ) {
        let theme = options.theme
        let focused = usage.focus == .chart
        let rule = options.glyphs == .ascii ? "-" : "─"
        let hint = focused ? " ← → bucket · e events · Tab totals " : " Tab: chart keys "
        let title = "\(rule) \(metric.displayName) · by \(series.bucketLabel) \(rule)\(hint)"
        let line = title + String(repeating: rule, count: max(0, area.width - TextWidth.of(title)))
        buffer.write(
            line, x: area.x, y: area.y, style: focused ? theme.text(.modalBorder) : theme.text(.border),
            limit: area.width)
        let readout =
            TimeseriesView.readout(
                metric: metric, cursor: usage.chartCursor, series: series, eventsKey: focused, now: state.now,
                compared: TimeseriesView.compared(usage.previous?.series[metric.code], state), width: area.width - 1)
            ?? "total \(Format.exact(series.total, unit: metric.unit))   max \(Format.value(series.maximum, unit: metric.unit))   \(series.points.count) buckets"
        buffer.write(
            " " + readout, x: area.x, y: area.y + 1, style: theme.text(usage.chartCursor == nil ? .muted : .title),
            limit: area.width)
        let plot = Rect(x: area.x + 1, y: area.y + 2, width: area.width - 2, height: area.height - 2)
        TimeseriesView.bars(
            series, unit: metric.unit, cursor: usage.chartCursor, now: state.now, options: options, area: plot,
            buffer: &buffer)
    }

    private enum Field { case metric, aggregation, total, unit, events, amount, period, change, trend }

    /// Each total's change since the same metric and charge over the period compared with, in the total's own unit
    /// (`…` until that period's usage loads; a total it lacks was nothing then).
    private static func changes(_ data: CustomerUsage, _ previous: CustomerUsage?) -> [String] {
        data.totals.map { total in
            guard let previous else { return "…" }
            let before = total.counterpart(in: previous.totals)
            return Comparison.text(total.value - before, previous: before) {
                HumanUnits.text($0, unit: total.metric.unit) ?? Format.value($0, unit: total.metric.unit)
            }
        }
    }

    private static func table(
        _ data: CustomerUsage, _ usage: CustomerUsageState, _ compared: (label: String, changes: [String])?,
        _ options: RenderOptions, inner: Rect
    ) -> Table {
        let theme = options.theme
        let totals = data.totals
        let hasAmount = totals.contains { $0.amount != nil }, hasPeriod = totals.contains { $0.period != nil }
        // Every column as wide as what it holds (a few rows: measured each frame); totals with their decimal points
        // in line, durations and sizes as people read them; the trend takes the rest.
        let human = totals.map { HumanUnits.text($0.value, unit: $0.metric.unit) }
        let decimals = zip(totals, human).map { $1 == nil ? $0.value.fractionDigits(upTo: 6) : 0 }.max() ?? 0
        let values = zip(totals, human).map { $1 ?? DecimalText.aligned(Format.value($0.value), decimals: decimals) }
        let events = totals.map { $0.eventCount.map(Format.count) ?? "—" }
        func widest(_ texts: [String], _ title: String, cap: Int = 40) -> Int {
            min(cap, max(TextWidth.of(title), texts.map { TextWidth.of($0) }.max() ?? 0))
        }
        var fields: [(Field, Table.Column)] = [
            (.metric, Table.Column("Metric", width: widest(totals.map(\.label), "Metric", cap: 44))),
            (
                .aggregation,
                Table.Column("Aggregation", width: widest(totals.map(\.metric.aggregation.rawValue), "Aggregation"))
            ),
            (.total, Table.Column("Total", width: widest(values, "Total"), alignRight: true)),
            (
                .unit,
                Table.Column(
                    "Unit",
                    width: widest(zip(totals, human).map { $1 == nil ? $0.metric.unit ?? "" : "" }, "Unit", cap: 12))
            ),
            (.events, Table.Column("Events", width: widest(events, "Events"), alignRight: true)),
        ]
        if hasAmount {
            fields.append(
                (
                    .amount,
                    Table.Column(
                        "Amount", width: widest(totals.map { $0.amount?.text ?? $0.unpriced ?? "—" }, "Amount"),
                        alignRight: true)
                ))
        }
        if hasPeriod { fields.append((.period, Table.Column("Period", width: 23))) }
        if let compared {
            let title = "Δ " + compared.label
            fields.append((.change, Table.Column(title, width: widest(compared.changes, title), alignRight: true)))
        }
        let used = fields.reduce(0) { $0 + $1.1.width + 1 }
        let sparkWidth = max(8, min(40, inner.width - used))
        fields.append((.trend, Table.Column("Trend", width: sparkWidth)))
        let metricShare = max(8, fields[0].1.width - max(0, used + sparkWidth - inner.width))
        fields[0].1.width = metricShare
        return Table(
            columns: fields.map(\.1), rowCount: totals.count, offset: usage.cursor.offset,
            selected: usage.cursor.selected,
            style: theme.base, headerStyle: theme.text(.tableHeader), selectedStyle: theme.fill(.selection),
            cell: { row, column in
                let total = totals[row]
                switch fields[column].0 {
                case .metric: return total.label
                case .aggregation: return total.metric.aggregation.rawValue
                case .total: return values[row]
                case .unit: return human[row] == nil ? total.metric.unit ?? "" : ""
                case .events: return events[row]
                case .amount: return total.amount?.text ?? total.unpriced ?? "—"
                case .period: return total.period.map(PeriodText.span) ?? "as asked"
                case .change: return compared?.changes[row] ?? ""
                case .trend:
                    guard let series = data.series[total.metric.code] else { return "—" }
                    return Sparkline.text(
                        values: series.points.map { DecimalText.double($0.value) }, width: sparkWidth,
                        mode: options.plotMode)
                }
            },
            cellStyle: { row, column in
                switch fields[column].0 {
                case .change: compared.flatMap { changeStyle($0.changes[row], theme) }
                case .trend: theme.text(.sparkline)
                case .aggregation, .period: theme.text(.muted)
                default: nil
                }
            })
    }

    /// A rise in the warning colour, a fall in the calm one, as in the customers table.
    private static func changeStyle(_ text: String, _ theme: Theme) -> Style? {
        text.hasPrefix("+") ? theme.text(.warn) : text.hasPrefix("-") ? theme.text(.ok) : nil
    }
}
