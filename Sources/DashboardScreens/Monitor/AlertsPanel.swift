import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// Customers whose current hour or day broke a configured limit or rose above their own baseline, loudest first.
enum AlertsPanel {
    static func render(_ state: MonitorState, _ options: RenderOptions, area: Rect, buffer: inout Buffer) {
        let theme = options.theme
        let offered = state.capabilities.contains(.hourlyTotals)
        let alerts = state.alerts.value ?? []
        let title = alerts.isEmpty ? "Alerts" : "Alerts (\(alerts.count))"
        let frame = PanelFrame(title: title, freshness: offered ? PanelFrame.freshness(state.alerts, state) : .unavailable)
        let inner = frame.render(in: area, options: options, buffer: &buffer)
        guard offered else {
            Chrome.note("alerts need hourly totals, not offered by \(state.providerName)",
                        style: theme.text(.muted), in: inner, buffer: &buffer)
            return
        }
        guard state.alerts.value != nil else {
            let text = state.alerts.error ?? (state.catalog.error == nil ? "loading…" : "waiting for the metric list")
            Chrome.note(text, style: theme.text(.muted), in: inner, buffer: &buffer)
            return
        }
        if alerts.isEmpty {
            Chrome.note("no alerts · \(rulesSummary(state.rules))", style: theme.text(.muted), in: inner, buffer: &buffer)
            return
        }
        let lines = alerts.flatMap { alert -> [(String, Style)] in
            let style = theme.text(alert.level == .error ? ThemeRole.error : .warn)
            let head = " \(alert.level == .error ? "ERROR" : "WARN ") \(alert.customer.name)"
            let detail = "\(alert.metric.name) · \(describe(alert))"
            // Narrow panels give each alert two lines, so the numbers are never cut off.
            return inner.width < 72 ? [(head, style), ("       " + detail, style)] : [(head + " · " + detail, style)]
        }
        let perAlert = inner.width < 72 ? 2 : 1
        let fits = lines.count <= inner.height
        let shownAlerts = fits ? alerts.count : max(0, (inner.height - 1) / perAlert)
        for (index, line) in lines.prefix(shownAlerts * perAlert).enumerated() {
            buffer.write(line.0, x: inner.x, y: inner.y + index, style: line.1, limit: inner.width)
        }
        if !fits, inner.height > 0 {
            buffer.write(" +\(alerts.count - shownAlerts) more", x: inner.x, y: inner.bottom - 1, style: theme.text(.muted),
                         limit: inner.width)
        }
        frame.fade(area, options: options, buffer: &buffer)
    }

    /// `this hour 12,340 > limit 10,000` or `today 5,200 > 3× baseline 1.27k/day`.
    static func describe(_ alert: Alert) -> String {
        let window = alert.window == .hour ? "this hour" : "today"
        switch alert.cause {
        case .threshold:
            return "\(window) \(Format.value(alert.value)) > limit \(Format.value(alert.reference))"
        case .baseline(let factor):
            return "\(window) \(Format.value(alert.value)) > \(DecimalText.format(factor))× baseline "
                + "\(DecimalText.compact(alert.reference))/\(alert.window.rawValue)"
        }
    }

    private static func rulesSummary(_ rules: AlertRules) -> String {
        var parts: [String] = []
        if !rules.thresholds.isEmpty { parts.append("\(rules.thresholds.count) limits") }
        if let factor = rules.baselineFactor { parts.append(">\(DecimalText.format(factor))× \(rules.baselineDays)-day baseline") }
        return parts.isEmpty ? "no rules" : parts.joined(separator: ", ")
    }
}
