import TermUI
import UsageViewModel

/// Turns the monitor state into a frame. Pure: the same state and options always give the same buffer.
public enum MonitorRenderer {
    /// Draws the whole monitor for `state` at its size.
    public static func render(_ state: MonitorState, options: RenderOptions) -> Buffer {
        var buffer = Buffer(width: state.width, height: state.height, style: options.theme.base)
        guard Layout.fits(width: state.width, height: state.height) else {
            DashboardRenderer.tooSmall(width: state.width, height: state.height, theme: options.theme, buffer: &buffer)
            if options.glyphs == .ascii { buffer.foldToASCII() }
            return buffer
        }
        let (header, rest) = buffer.area.splitTop(1)
        var (body, status) = rest.splitBottom(1)
        MonitorChrome.header(state, options, row: header, buffer: &buffer)
        if state.failure != nil {
            let (banner, below) = body.splitTop(1)
            MonitorChrome.banner(state, options, row: banner, buffer: &buffer)
            body = below
        }
        let layout = MonitorLayout.make(body: body, metricCount: state.metrics.count, big: state.bigNumbers)
        if let big = layout.big { BigNumbersPanel.render(state, options, area: big, buffer: &buffer) }
        BoardPanel.render(state, options, area: layout.board, buffer: &buffer)
        if let totals = layout.totals { TotalsPanel.render(state, options, area: totals, buffer: &buffer) }
        AlertsPanel.render(state, options, area: layout.alerts, buffer: &buffer)
        let shown = MonitorLayout.chartMetrics(
            count: layout.charts.count, metricCount: state.metrics.count,
            current: state.metricIndex)
        for (rect, index) in zip(layout.charts, shown) where state.metrics.indices.contains(index) {
            ChartPanel.render(
                state.metrics[index], focused: index == state.metricIndex && layout.charts.count > 1, state,
                options, area: rect, buffer: &buffer)
        }
        MonitorChrome.status(state, options, row: status, buffer: &buffer)
        if state.showsHelp { MonitorChrome.help(state, options, area: body, buffer: &buffer) }
        if options.glyphs == .ascii { buffer.foldToASCII() }
        return buffer
    }
}
