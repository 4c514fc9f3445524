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
        let frame = PanelFrame(
            title: title, freshness: offered ? PanelFrame.freshness(state.alerts, state) : .unavailable)
        let inner = frame.render(in: area, options: options, buffer: &buffer)
        guard offered else {
            Chrome.note(
                "alerts need hourly totals, not offered by \(state.providerName)",
                style: theme.text(.muted), in: inner, buffer: &buffer)
            return
        }
        guard state.alerts.value != nil else {
            let text = state.alerts.error ?? (state.catalog.error == nil ? "loading…" : "waiting for the metric list")
            Chrome.note(text, style: theme.text(.muted), in: inner, buffer: &buffer)
            return
        }
        if alerts.isEmpty {
            Chrome.note(
                "no alerts · \(rulesSummary(state.rules))", style: theme.text(.muted), in: inner, buffer: &buffer)
            return
        }
        let lines = Self.lines(alerts, width: inner.width, height: inner.height, theme: theme)
        for (index, line) in lines.enumerated() {
            buffer.write(line.0, x: inner.x, y: inner.y + index, style: line.1, limit: inner.width)
        }
        frame.fade(area, options: options, buffer: &buffer)
    }

    /// The lines of `alerts` in a panel `width` × `height`, loudest first. Each alert in full when all fit: one line,
    /// or two (the customer, then the metric and the numbers) when one is too narrow. Otherwise one compact line
    /// each, the numbers first so that a cut never falls inside one, and `+N more` for those left out.
    static func lines(_ alerts: [Alert], width: Int, height: Int, theme: Theme) -> [(String, Style)] {
        func style(_ alert: Alert) -> Style { theme.text(alert.level == .error ? ThemeRole.error : .warn) }
        func tag(_ alert: Alert) -> String { alert.level == .error ? " ERROR " : " WARN  " }
        // Only as many alerts as could fit are formatted (a frame a second must not format hundreds).
        var full: [(String, Style)] = []
        for alert in alerts {
            let head = tag(alert) + alert.customer.name, detail = "\(alert.metric.name) · \(describe(alert))"
            if TextWidth.of(head + " · " + detail) <= width {
                full.append((head + " · " + detail, style(alert)))
            } else {
                full += [(head, style(alert)), ("       " + describe(alert) + " · " + alert.metric.name, style(alert))]
            }
            if full.count > height { break }
        }
        if full.count <= height { return full }
        // The loudest alerts first; a line for `+N more` only when there are two or more (the title counts them all).
        let room = alerts.count <= height ? alerts.count : (height >= 2 ? height - 1 : height)
        var compact = alerts.prefix(room).map { alert in
            (tag(alert) + describe(alert) + " · " + alert.metric.name + " · " + alert.customer.name, style(alert))
        }
        if room < alerts.count, height >= 2 { compact.append((" +\(alerts.count - room) more", theme.text(.muted))) }
        if room < alerts.count, height == 1, let loudest = compact.first {
            // One line: the loudest alert, and how many more there are before it is cut.
            compact = [("+\(alerts.count - 1) more · " + loudest.0.drop { $0 == " " }, loudest.1)]
        }
        return compact
    }

    /// `last 60 min 12,340 > limit 10,000` or `last 24 h 5,200 > 3× baseline 1.27k/day` (rolling windows).
    static func describe(_ alert: Alert) -> String {
        let window = alert.window == .hour ? "last 60 min" : "last 24 h"
        // In the metric's own unit, as people read it (`4m 55s`, `1.2 TB`): never raw seconds or bytes.
        let unit = alert.metric.unit
        func text(_ number: Decimal, _ plain: String) -> String {
            HumanUnits.text(number, unit: unit) ?? (HumanUnits.isMeasure(unit) ? "\(plain) \(unit ?? "")" : plain)
        }
        let value = text(alert.value, Format.value(alert.value))
        switch alert.cause {
        case .threshold:
            return "\(window) \(value) > limit \(text(alert.reference, Format.value(alert.reference)))"
        case .baseline(let factor):
            let baseline = text(alert.reference, DecimalText.compact(alert.reference))
            return "\(window) \(value) > \(DecimalText.format(factor))× baseline \(baseline)/\(alert.window.rawValue)"
        }
    }

    private static func rulesSummary(_ rules: AlertRules) -> String {
        var parts: [String] = []
        if !rules.thresholds.isEmpty { parts.append("\(rules.thresholds.count) limits") }
        if let factor = rules.baselineFactor {
            parts.append(">\(DecimalText.format(factor))× \(rules.baselineDays)-day baseline")
        }
        return parts.isEmpty ? "no rules" : parts.joined(separator: ", ")
    }
}
