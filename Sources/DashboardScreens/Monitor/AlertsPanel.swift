import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// Customers whose current hour or day broke a configured limit or rose above their own baseline, loudest first.
enum AlertsPanel {
    static func render(_ state: MonitorState, _ options: RenderOptions, area: Rect, buffer: inout Buffer) {
        let theme = options.theme
        let offered = state.capabilities.contains(.periodTotals)
        let alerts = state.alerts.value ?? []
        let title = alerts.isEmpty ? "Alerts" : "Alerts (\(alerts.count))"
        let frame = PanelFrame(title: title, freshness: offered ? PanelFrame.freshness(state.alerts, state) : .unavailable)
        let inner = frame.render(in: area, options: options, buffer: &buffer)
        guard offered else {
            Chrome.note("alerts need totals over any period, not offered by \(state.providerName)",
                        style: theme.text(.muted), in: inner, buffer: &buffer)
            return
        }
        guard state.alerts.value != nil else {
            Chrome.note(state.alerts.error ?? "loading…", style: theme.text(.muted), in: inner, buffer: &buffer)
            return
        }
        if alerts.isEmpty {
            Chrome.note("no alerts · \(rulesSummary(state.rules))", style: theme.text(.muted), in: inner, buffer: &buffer)
            return
        }
        for (index, alert) in alerts.prefix(inner.height).enumerated() {
            let style = theme.text(alert.level == .error ? ThemeRole.error : .warn)
            let line = " \(alert.level == .error ? "ERROR" : "WARN ") \(alert.customer.name) · \(alert.metric.name) · "
                + describe(alert)
            buffer.write(line, x: inner.x, y: inner.y + index, style: style, limit: inner.width)
        }
        if alerts.count > inner.height, inner.height > 0 {
            let more = " +\(alerts.count - inner.height + 1) more "
            let width = TextWidth.of(more)
            buffer.fill(Rect(x: inner.x, y: inner.bottom - 1, width: inner.width, height: 1), style: theme.base)
            buffer.write(" " + describeShort(alerts[inner.height - 1]), x: inner.x, y: inner.bottom - 1,
                         style: theme.text(.warn), limit: max(0, inner.width - width))
            buffer.write(more, x: inner.right - width, y: inner.bottom - 1, style: theme.text(.muted))
        }
        frame.fade(area, options: options, buffer: &buffer)
    }

    /// `this hour 12,340 > limit 10,000` or `today 5,200 = 4.1× baseline 1,268/day`.
    static func describe(_ alert: Alert) -> String {
        let window = alert.window == .hour ? "this hour" : "today"
        switch alert.cause {
        case .threshold:
            return "\(window) \(Format.value(alert.value)) > limit \(Format.value(alert.reference))"
        case .baseline:
            let times = DecimalText.grouped(alert.ratio.rounded(1), fractionDigits: 1)
            return "\(window) \(Format.value(alert.value)) = \(times)× baseline \(DecimalText.compact(alert.reference))/\(alert.window.rawValue)"
        }
    }

    private static func describeShort(_ alert: Alert) -> String {
        "\(alert.level == .error ? "ERROR" : "WARN ") \(alert.customer.name) · \(alert.metric.name)"
    }

    private static func rulesSummary(_ rules: AlertRules) -> String {
        var parts: [String] = []
        if !rules.thresholds.isEmpty { parts.append("\(rules.thresholds.count) limits") }
        if let factor = rules.baselineFactor { parts.append(">\(DecimalText.format(factor))× \(rules.baselineDays)-day baseline") }
        return parts.isEmpty ? "no rules" : parts.joined(separator: ", ")
    }
}
