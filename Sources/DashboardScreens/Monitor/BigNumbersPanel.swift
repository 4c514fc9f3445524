import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// The clock and the metric's all-customer total in big digits across the top, as tty-clock draws time: numbers
/// read from across the room. The total is whole with separators when it fits, else compact (`24.4k`); the label
/// under it says what it is.
enum BigNumbersPanel {
    static func render(_ state: MonitorState, _ options: RenderOptions, area: Rect, buffer: inout Buffer) {
        let theme = options.theme
        let panel = state.metric.flatMap { state.series[$0.code] } ?? Loadable()
        let offered = state.capabilities.contains(.clientWideTimeseries)
        let frame = PanelFrame(title: "Now", freshness: offered ? PanelFrame.freshness(panel, state) : .unavailable)
        let inner = frame.render(in: area, options: options, buffer: &buffer).inset(dx: 1, dy: 0)
        let f = UTCTime.fields(state.now)
        let clock = (f.hour < 10 ? "0" : "") + "\(f.hour):" + (f.minute < 10 ? "0" : "") + "\(f.minute)"
        // Ten rows tall when the strip has the room (a wall screen), else five.
        let scale = inner.height >= BigText.height * 2 + 1 ? 2 : 1
        let tall = BigText.height * scale
        let digits = Rect(x: inner.x, y: inner.y, width: inner.width, height: tall)
        BigText(clock, style: theme.text(.title), glyphs: options.glyphs, scale: scale).render(
            in: digits, buffer: &buffer)
        buffer.write("UTC", x: inner.x, y: inner.y + tall, style: theme.text(.muted), limit: inner.width)
        let left = BigText.width(of: clock, scale: scale) + 4
        let room = inner.width - left
        guard let metric = state.metric, room > 8 else { return }
        var label = "\(metric.name) · all customers · \(state.period.label)"
        guard offered, let series = panel.value else {
            label =
                offered
                ? (panel.error ?? "loading \(metric.name)…")
                : "all-customer totals not offered by \(state.providerName)"
            buffer.write(label, x: inner.x + left, y: inner.y + 2, style: theme.text(.muted), limit: room)
            return
        }
        let whole = DecimalText.grouped(series.total.rounded(0), fractionDigits: 0)
        let text = BigText.width(of: whole, scale: scale) <= room ? whole : DecimalText.compact(series.total)
        let total = Rect(x: inner.x + left, y: inner.y, width: room, height: tall)
        BigText(text, style: theme.text(.accent).adding(.bold), glyphs: options.glyphs, scale: scale).render(
            in: total, buffer: &buffer)
        if series.total != series.total.rounded(0) || text != whole {
            label += " · " + Format.value(series.total, unit: metric.unit)
        } else if let unit = metric.unit {
            label += " · \(unit)"
        }
        let used = max(BigText.width(of: text, scale: scale), min(TextWidth.of(label), room))
        buffer.write(label, x: inner.x + left, y: inner.y + tall, style: theme.text(.muted), limit: room)
        others(state, options, from: inner.x + left + used + gap, in: inner, scale: scale, buffer: &buffer)
        frame.fade(area, options: options, buffer: &buffer)
    }

    /// Columns between two numbers.
    private static let gap = 6

    /// The other metrics' totals after the one chosen, in big digits as far as the strip has room (a wall screen
    /// fills with numbers, not blanks), each compact with its exact value and name under it.
    private static func others(
        _ state: MonitorState, _ options: RenderOptions, from start: Int, in inner: Rect, scale: Int,
        buffer: inout Buffer
    ) {
        let theme = options.theme
        let count = state.metrics.count
        var x = start
        for step in 1..<max(1, count) {
            let metric = state.metrics[(state.metricIndex + step) % count]
            guard let series = state.series[metric.code]?.value, !series.isPerBillingPeriod else { continue }
            let text = DecimalText.compact(series.total)
            let label = "\(metric.name) · " + Format.value(series.total, unit: metric.unit)
            let width = max(BigText.width(of: text, scale: scale), TextWidth.of(label))
            guard x + width <= inner.right else { return }
            let tall = BigText.height * scale
            BigText(text, style: theme.text(.title), glyphs: options.glyphs, scale: scale).render(
                in: Rect(x: x, y: inner.y, width: width, height: tall), buffer: &buffer)
            buffer.write(label, x: x, y: inner.y + tall, style: theme.text(.muted), limit: width)
            x += width + gap
        }
    }
}
