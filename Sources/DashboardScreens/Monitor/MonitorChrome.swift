import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// The monitor's header (badges, source, period, refresh interval, clock), failure banner, status line and help.
enum MonitorChrome {
    /// Row 0: `usagetop monitor`, PAUSED / DEMO DATA badges, source, period, interval, UTC clock and spinner.
    static func header(_ state: MonitorState, _ options: RenderOptions, row: Rect, buffer: inout Buffer) {
        let frames = options.glyphs == .ascii ? Format.asciiSpinner : Format.spinner
        let spinner = state.isLoading ? frames[state.spinnerFrame % frames.count] : " "
        let clock = UTCTime.clock(state.now) + " UTC"
        let dated = UTCTime.day(state.now) + " " + clock
        let cycle = state.cycleSeconds.map { " · cycle \($0)s" } ?? ""
        var long = Format.period(state.period, state.resolvedPeriod), short = state.period.label
        if let answered = Format.answered(state.board.value?.answeredPeriods ?? []) {
            long += " · " + answered
            short += " · " + answered
        }
        HeaderBar(
            title: "usagetop monitor",
            badges: HeaderBar.badges(
                paused: state.paused, demo: state.source.value?.isDemoData == true, theme: options.theme),
            source: (state.source.error == nil ? state.source.value?.shown : state.source.value?.label)
                ?? state.providerName,
            right: [
                " │ \(long) │ every \(state.refreshSeconds)s\(cycle) │ \(dated) \(spinner) ",
                " │ \(short) │ every \(state.refreshSeconds)s\(cycle) │ \(dated) \(spinner) ",
                " │ \(short) │ every \(state.refreshSeconds)s │ \(clock) \(spinner) ",
            ]
        )
        .render(in: row, theme: options.theme, buffer: &buffer)
    }

    /// The banner under the header while anything fails: what, since when, how many panels, the next try. The
    /// failure's text comes first; the details shrink to make room, and a text still too long keeps its end
    /// (where the cause is: `…/v1/aggregators: connection refused`).
    static func banner(_ state: MonitorState, _ options: RenderOptions, row: Rect, buffer: inout Buffer) {
        guard let failure = state.failure else { return }
        let style = options.theme.fill(.error).adding(.bold)
        buffer.fill(row, style: style)
        let mark = options.glyphs == .ascii ? " ! " : " ✖ "
        let age = Format.age(from: failure.since, to: state.now)
        let panels = failure.panels > 1 ? " · \(failure.panels) panels" : ""
        let tails = [
            " · failing since \(UTCTime.clock(failure.since)) (\(age))\(panels) · \(state.retryText) ",
            " · failing since \(UTCTime.clock(failure.since)) (\(age)) · \(state.retryText) ",
            " · for \(age) · \(state.retryText) ",
        ]
        let needed = TextWidth.of(mark) + TextWidth.of(failure.text)
        let tail = tails.first { needed + TextWidth.of($0) <= row.width } ?? tails[tails.count - 1]
        let room = max(0, row.width - TextWidth.of(mark) - TextWidth.of(tail))
        buffer.write(
            mark + keepingEnd(failure.text, width: room) + tail, x: row.x, y: row.y, style: style, limit: row.width)
    }

    /// `text` cut from the front to `width` columns, starting with `…` when cut.
    static func keepingEnd(_ text: String, width: Int) -> String {
        guard TextWidth.of(text) > width else { return text }
        guard width > 1 else { return String(repeating: "…", count: max(0, width)) }
        var kept: [Character] = []
        var used = 1
        for character in text.reversed() {
            let w = TextWidth.of(character)
            if used + w > width { break }
            kept.append(character)
            used += w
        }
        return "…" + String(kept.reversed())
    }

    /// The last row: the monitor's keys and the latest message (else the size).
    static func status(_ state: MonitorState, _ options: RenderOptions, row: Rect, buffer: inout Buffer) {
        let theme = options.theme
        let hints =
            state.showsHelp
            ? [("Esc", "close")]
            : KeyMap.monitor(overrides: state.keyOverrides).filter(\.inStatus).map { ($0.keys[0].label, $0.summary) }
        let message = state.message?.text ?? "\(state.width)×\(state.height)"
        StatusBar(
            hints: hints.map { (key: $0.0, label: $0.1) }, message: message, style: theme.fill(.statusBar),
            keyStyle: theme.fill(.statusBar).adding(.bold), messageStyle: theme.fill(.statusBar),
            pinned: state.showsHelp ? 0 : 2
        )  // the key map ends with `? help` and `q quit`: always shown
        .render(in: row, buffer: &buffer)
    }

    /// The key help over the body.
    static func help(_ state: MonitorState, _ options: RenderOptions, area: Rect, buffer: inout Buffer) {
        let theme = options.theme
        let bindings = KeyMap.monitor(overrides: state.keyOverrides)
        let keyWidth = bindings.map { TextWidth.of($0.keyLabel) }.max() ?? 0
        let lines = bindings.map { TextWidth.fit($0.keyLabel, to: keyWidth) + "   " + $0.summary }
        Modal(
            title: "Keys · Monitor", lines: lines, footer: "any key closes", style: theme.base,
            borderStyle: theme.text(.modalBorder), titleStyle: theme.text(.title), glyphs: options.glyphs
        )
        .render(in: area, buffer: &buffer)
    }
}
