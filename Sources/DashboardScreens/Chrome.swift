import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// The parts around every view: header, breadcrumbs and status line.
enum Chrome {
    /// Row 0: app, PAUSED / DEMO DATA badges, source, period, refresh interval, refresh time with the data's age
    /// (old numbers stay while new ones load) and the spinner; the source keeps some room before dates do.
    static func header(_ state: AppState, _ options: RenderOptions, row: Rect, buffer: inout Buffer) {
        let frames = options.glyphs == .ascii ? Format.asciiSpinner : Format.spinner
        let spinner = state.isLoading ? frames[state.spinnerFrame % frames.count] : " "
        let age = state.lastRefresh.map { " · " + Format.age(from: $0, to: state.now) + " ago" } ?? ""
        let auto = state.refreshSeconds.map { " │ every \($0)s" } ?? ""
        // Period dates and "refreshed … UTC" only from 110 columns: below that the source needs the room.
        let wide = row.width >= 110
        let period = wide ? Format.period(state.period, state.resolvedPeriod) : state.period.label
        let clock = state.lastRefresh.map {
            (wide ? "refreshed " : "") + UTCTime.clock($0) + (wide ? " UTC" : "") + age
        }
        let tail = "\(auto) │ \(clock ?? "loading") \(spinner) "
        var right = [" │ \(period)\(tail)"]
        if let answered = Format.answered(state.answeredPeriods) {
            // Never the asked period alone when the numbers answer another: the short form keeps the warning.
            right = [
                " │ \(period) · \(answered)\(tail)", " │ \(state.period.label) · \(answered)\(tail)",
                " │ \(answered)\(tail)", " │ \(answered) ",
            ]
        }
        HeaderBar(
            title: "usagetop",
            badges: HeaderBar.badges(
                paused: state.paused, demo: state.source?.isDemoData == true, theme: options.theme),
            source: state.source?.shown ?? state.providerName, right: right
        )
        .render(in: row, theme: options.theme, buffer: &buffer)
    }

    /// Row 1: where the user is.
    static func crumbs(_ state: AppState, _ options: RenderOptions, row: Rect, buffer: inout Buffer) {
        var parts = ["Customers"]
        for screen in state.stack {
            switch screen {
            case .customerUsage(let s): parts.append(s.customerName)
            case .timeseries(let s):
                parts.append((s.customerName == nil ? "All customers · " : "") + s.metric.displayName)
            case .events(let s): parts.append("\(s.metric.displayName) events")
            case .breakdown(let s): parts.append("\(s.metric.displayName) by \(s.key ?? "…")")
            case .reconcile: parts.append("Reconcile")
            }
        }
        let separator = options.glyphs == .ascii ? " > " : " › "
        buffer.write(
            " " + parts.joined(separator: separator), x: row.x, y: row.y, style: options.theme.text(.crumbs),
            limit: row.width)
    }

    /// The last row: the keys that matter here and the latest message.
    static func status(_ state: AppState, _ options: RenderOptions, row: Rect, buffer: inout Buffer) {
        let theme = options.theme
        var hints = KeyMap.bindings(for: state.screenKind, overrides: state.keyOverrides).filter(\.inStatus).map {
            (key: $0.keys[0].label, label: $0.summary)
        }
        if state.screenKind == .customers && state.customers.isEditingFilter {
            hints = [("type", "to filter"), ("Enter", "keep"), ("Esc", "clear"), ("↑↓", "move")]
        }
        if case .events(let events)? = state.stack.last, events.filterDraft != nil || events.searchDraft != nil {
            hints = [("type", events.filterDraft != nil ? "key=value" : "text"), ("Enter", "apply"), ("Esc", "clear")]
        }
        if case .events(let events)? = state.stack.last, events.jumpDraft != nil {
            hints = [("type", "2026-11-25 14:00 (UTC)"), ("Enter", "jump"), ("Esc", "cancel")]
        }
        if let line = state.commandLine {
            hints = [(":" + Format.typing(line) + "▏", " Tab complete · Enter run · Esc cancel")]
        }
        if case .eventDetail? = state.overlay { hints = [("Esc", "close"), ("↑↓", "scroll"), ("y", "copy")] }
        if case .help = state.overlay { hints = [("Esc", "close")] }
        if case .periodPicker? = state.overlay { hints = [("↑↓", "choose"), ("Enter", "apply"), ("Esc", "cancel")] }
        var messageStyle = theme.fill(.statusBar)
        if let severity = state.message?.severity, severity != .info, state.commandLine == nil {
            let entry = theme.entry(severity == .error ? ThemeRole.error : .warn)
            messageStyle = Style(
                foreground: entry.color, background: messageStyle.background,
                attributes: entry.attributes.union(messageStyle.attributes))
        }
        // What is being typed comes first: the message is back once the command line closes.
        var messageText =
            state.commandLine != nil
            ? "" : state.message.map { ($0.severity == .error ? "error: " : "") + $0.text } ?? ""
        if messageText.isEmpty { messageText = "\(state.width)×\(state.height)" }
        // `? help` and `q quit` always show: the other hints make room for them first.
        let pinned = hints.filter { $0.key == "?" || $0.key == "q" }
        hints = hints.filter { $0.key != "?" && $0.key != "q" } + pinned
        StatusBar(
            hints: hints, message: messageText, style: theme.fill(.statusBar),
            keyStyle: theme.fill(.statusBar).adding(.bold), messageStyle: messageStyle, pinned: pinned.count
        )
        .render(in: row, buffer: &buffer)
    }

    /// A centred one-line note inside a view (loading, empty, error).
    static func note(_ text: String, style: Style, in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let line = TextWidth.truncate(text, to: area.width - 2)
        let x = area.x + max(0, (area.width - TextWidth.of(line)) / 2)
        buffer.write(line, x: x, y: area.y + area.height / 2, style: style)
    }
}
