import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// Every metric's all-customer total over the period, from the same answers the charts draw.
enum TotalsPanel {
    static func render(_ state: MonitorState, _ options: RenderOptions, area: Rect, buffer: inout Buffer) {
        let theme = options.theme
        let offered = state.capabilities.contains(.clientWideTimeseries)
        let panels = state.metrics.map { state.series[$0.code] ?? Loadable() }
        let freshness = offered ? PanelFrame.oldest(panels.map { PanelFrame.freshness($0, state) }) : .unavailable
        let frame = PanelFrame(title: "Totals · \(state.period.label)", freshness: freshness)
        let inner = frame.render(in: area, options: options, buffer: &buffer)
        guard offered else {
            Chrome.note(
                "all-customer totals not offered by \(state.providerName)", style: theme.text(.muted), in: inner,
                buffer: &buffer)
            return
        }
        if state.metrics.isEmpty {
            Chrome.note(
                state.catalog.error == nil ? "loading…" : "no metric list yet", style: theme.text(.muted),
                in: inner, buffer: &buffer)
            return
        }
        let valueWidth = min(24, inner.width / 2)
        for (index, metric) in state.metrics.enumerated() where index < inner.height {
            let y = inner.y + index
            let current = index == state.metricIndex
            let nameStyle = current ? theme.text(.accent).adding(.bold) : theme.base
            buffer.write(" " + metric.name, x: inner.x, y: y, style: nameStyle, limit: inner.width - valueWidth - 1)
            let panel = panels[index]
            // A total of other periods than the one in the title (a provider's billing periods) is not shown as its.
            let text =
                panel.value.map { $0.isPerBillingPeriod ? "other periods" : Format.value($0.total, unit: metric.unit) }
                ?? (panel.error == nil ? "…" : "failed")
            let fitted = TextWidth.fit(text, to: valueWidth - 1, alignRight: true)
            let muted = panel.value.map(\.isPerBillingPeriod) ?? true
            buffer.write(fitted, x: inner.right - valueWidth, y: y, style: muted ? theme.text(.muted) : theme.base)
        }
        frame.fade(area, options: options, buffer: &buffer)
    }
}
