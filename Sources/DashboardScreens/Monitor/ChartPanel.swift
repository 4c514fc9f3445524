import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// One metric's all-customer series over the period, with its total in the title.
enum ChartPanel {
    static func render(
        _ metric: Metric, focused: Bool, _ state: MonitorState, _ options: RenderOptions, area: Rect,
        buffer: inout Buffer
    ) {
        let theme = options.theme
        guard state.capabilities.contains(.clientWideTimeseries) else {
            let frame = PanelFrame(title: metric.name, freshness: .unavailable, focused: focused)
            let inner = frame.render(in: area, options: options, buffer: &buffer)
            Chrome.note(
                "all-customer timeseries not offered by \(state.providerName)", style: theme.text(.muted),
                in: inner, buffer: &buffer)
            return
        }
        let panel = state.series[metric.code] ?? Loadable()
        var title = metric.name
        if let series = panel.value {
            title += " · total \(Format.value(series.total, unit: metric.unit)) · by \(series.bucketLabel)"
        }
        let frame = PanelFrame(title: title, freshness: PanelFrame.freshness(panel, state), focused: focused)
        let inner = frame.render(in: area, options: options, buffer: &buffer).inset(dx: 1, dy: 0)
        guard let series = panel.value else {
            Chrome.note(
                panel.error ?? "loading…", style: theme.text(panel.error == nil ? .muted : .error), in: inner,
                buffer: &buffer)
            return
        }
        TimeseriesView.bars(
            series, unit: metric.unit, cursor: nil, now: state.now, options: options, area: inner, buffer: &buffer)
        frame.fade(area, options: options, buffer: &buffer)
    }
}
