import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// A full-size chart of one metric with total, min, max, axis labels and bucket ticks.
enum TimeseriesView {
    static func render(
        _ chart: TimeseriesState, _ state: AppState, _ options: RenderOptions, area: Rect,
        buffer: inout Buffer
    ) {
        let theme = options.theme
        let who = chart.customerName ?? "all customers"
        let title = "\(chart.metric.displayName) · \(who) · by \(chart.series?.bucketLabel ?? state.bucket.rawValue)"
        Block(title: title, borderStyle: theme.text(.border), titleStyle: theme.text(.title), glyphs: options.glyphs)
            .render(in: area, buffer: &buffer)
        let inner = Block.inner(area).inset(dx: 1, dy: 0)
        guard let series = chart.series, chart.error == nil else {
            let text = chart.error ?? "loading timeseries…"
            Chrome.note(text, style: theme.text(chart.error == nil ? .muted : .warn), in: inner, buffer: &buffer)
            return
        }
        let unit = chart.metric.unit
        let summary =
            "total \(Format.value(series.total, unit: unit))   min \(Format.value(series.minimum, unit: unit))   "
            + "max \(Format.value(series.maximum, unit: unit))   \(series.points.count) buckets"
        buffer.write(summary, x: inner.x, y: inner.y, style: theme.text(.accent), limit: inner.width)
        if let readout = readout(chart, series, state) {
            buffer.write(readout, x: inner.x, y: inner.y + 1, style: theme.text(.title), limit: inner.width)
        }
        let plotArea = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2)
        bars(
            series, unit: chart.metric.unit, cursor: chart.cursor, now: state.now, options: options, area: plotArea,
            buffer: &buffer)
    }

    /// `▸ 2026-11-25 14:00 → 15:00 · 42 calls · EUR 1.05 · 12.3 % of the total · e events` for the bucket under the
    /// cursor (the amount when a plan prices it).
    static func readout(_ chart: TimeseriesState, _ series: TimeSeries, _ state: AppState) -> String? {
        readout(
            metric: chart.metric, cursor: chart.cursor, series: series, eventsKey: chart.customerID != nil,
            now: state.now, compared: compared(chart.previous, state), width: state.width - 4)
    }

    /// The series compared with and the words for the comparison, while the dashboard compares.
    static func compared(_ previous: TimeSeries?, _ state: AppState) -> (series: TimeSeries?, label: String)? {
        state.comparison.map { (previous, $0.label(of: state.period)) }
    }

    /// The readout of bucket `cursor` of `series` (nil without a cursor); `eventsKey` adds the `e events` hint;
    /// `compared` adds the change since the bucket as far into the period compared with (`…` until it loads). Where
    /// it is wider than `width`, the hint goes first, then the share of the total, so the value, its cost and its
    /// change stay.
    static func readout(
        metric: Metric, cursor: Int?, series: TimeSeries, eventsKey: Bool, now: Date,
        compared: (series: TimeSeries?, label: String)? = nil, width: Int = .max
    ) -> String? {
        guard let index = cursor, series.points.indices.contains(index) else { return nil }
        let point = series.points[index]
        let span = PeriodText.span(Period(start: point.start, end: point.end ?? series.bucket.advance(point.start)))
        guard point.start <= now else { return "▸ \(span) · not yet" }
        let underWay = now < (point.end ?? series.bucket.advance(point.start))
        var parts = ["▸ \(span)", Format.exact(point.value, unit: metric.unit) + (underWay ? " so far" : "")]
        if let amount = point.amount { parts.append(amount.text) }
        var share: String?
        if metric.aggregation.isAdditive, series.total > 0 {
            share = DecimalText.grouped(point.value / series.total * 100, fractionDigits: 1) + " % of the total"
        }
        let changed: String? = compared.map {
            Self.change(of: index, series, against: $0.series, metric) + " " + $0.label
        }
        let hint: String? = eventsKey ? "e events" : nil
        for optional in [[share, changed, hint], [share, changed], [changed]] {
            let text = (parts + optional.compactMap { $0 }).joined(separator: " · ")
            if TextWidth.of(text) <= width { return text }
        }
        return (parts + [changed].compactMap { $0 }).joined(separator: " · ")
    }

    /// The change of bucket `index` since the bucket as far into `previous` (`…` until it loads; nothing then, when
    /// the period compared with is shorter or was bucketed otherwise).
    private static func change(of index: Int, _ series: TimeSeries, against previous: TimeSeries?, _ metric: Metric)
        -> String
    {
        guard let previous else { return "…" }
        guard let before = series.counterpart(of: index, in: previous) else { return "no bucket" }
        return Comparison.text(series.points[index].value - before, previous: before) {
            Format.value($0, unit: metric.unit)
        }
    }

    /// The bars of `series` in `area` with their value axis and ticks, the bucket `cursor` highlighted, the bucket
    /// under way dimmed (it is not a dip) and buckets that start after `now` marked as not yet come (a dotted axis,
    /// no bar) rather than drawn as zero use. Few buckets are drawn at most `Layout.widestBar` columns and
    /// `Layout.fewBucketRows` rows each, from the area's top left.
    static func bars(
        _ series: TimeSeries, unit: String?, cursor: Int?, now: Date, options: RenderOptions, area: Rect,
        buffer: inout Buffer
    ) {
        let theme = options.theme
        let values = series.points.map { DecimalText.double($0.value) }
        let axis = Layout.chartAxis(series, unit: unit)
        let plotWidth = Layout.chartPlotWidth(in: area.width, axisWidth: axis.width, buckets: series.points.count)
        var area = area
        if plotWidth < area.width - axis.width {  // few buckets: bars at their widest, rows bounded too
            area.width = axis.width + plotWidth
            area.height = min(area.height, Layout.fewBucketRows + 2)  // the bars, the axis line and the ticks
        }
        var chart = Chart(
            values: values, mode: options.plotMode, style: theme.text(.chart), axisStyle: theme.text(.axis),
            axisLabels: axis.labels, ticks: ChartTicks.ticks(series, plotWidth: plotWidth), selected: cursor,
            selectedStyle: theme.text(.accent).adding(.bold), future: series.points.firstIndex { $0.start > now })
        chart.partial = series.points.firstIndex {
            $0.start <= now && now < ($0.end ?? series.bucket.advance($0.start))
        }
        chart.partialStyle = theme.text(.muted)
        chart.render(in: area, buffer: &buffer)
    }
}
