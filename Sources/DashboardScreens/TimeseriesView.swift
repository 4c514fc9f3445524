import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// A full-size chart of one metric with total, min, max, axis labels and bucket ticks.
enum TimeseriesView {
    static func render(_ chart: TimeseriesState, _ state: AppState, _ options: RenderOptions, area: Rect,
                       buffer: inout Buffer) {
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
        let summary = "total \(Format.value(series.total, unit: unit))   min \(Format.value(series.minimum))   "
            + "max \(Format.value(series.maximum))   \(series.points.count) buckets"
        buffer.write(summary, x: inner.x, y: inner.y, style: theme.text(.accent), limit: inner.width)
        let plotArea = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2)
        let values = series.points.map { DecimalText.double($0.value) }
        let top = series.maximum
        let labels = [DecimalText.compact(top), DecimalText.compact(top / 2), "0"]
        let ticks = series.points.enumerated().map { (index: $0.offset, label: Format.tick($0.element, in: series)) }
        Chart(values: values, mode: options.plotMode, style: theme.text(.chart), axisStyle: theme.text(.axis),
              axisLabels: labels, ticks: ticks)
            .render(in: plotArea, buffer: &buffer)
    }
}
