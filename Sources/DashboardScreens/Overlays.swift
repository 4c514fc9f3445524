import TermUI
import UsageViewModel

/// The help overlay (drawn from the key map), the event-detail overlay and the period picker.
enum Overlays {
    static func render(
        _ overlay: Overlay, _ state: AppState, _ options: RenderOptions, area: Rect, buffer: inout Buffer
    ) {
        let theme = options.theme
        let style = theme.base
        switch overlay {
        case .help:
            let bindings = KeyMap.bindings(for: state.screenKind, overrides: state.keyOverrides)
            let keyWidth = bindings.map { TextWidth.of($0.keyLabel) }.max() ?? 0
            var lines = bindings.map { TextWidth.fit($0.keyLabel, to: keyWidth) + "   " + $0.summary }
            let room = area.height - 4 - KeyMap.commandLineHelp.count
            if lines.count > room {
                // Too tall for the screen: two columns, the second half beside the first.
                let half = (lines.count + 1) / 2
                let width = lines.prefix(half).map { TextWidth.of($0) }.max() ?? 0
                lines = (0..<half).map { i in
                    TextWidth.fit(lines[i], to: width) + (i + half < lines.count ? "   " + lines[i + half] : "")
                }
            }
            lines += (lines.count < room ? [""] : []) + KeyMap.commandLineHelp
            Modal(
                title: "Keys · \(state.screenKind.title)", lines: lines, footer: "Esc closes", style: style,
                borderStyle: theme.text(.modalBorder), titleStyle: theme.text(.title), glyphs: options.glyphs
            )
            .render(in: area, buffer: &buffer)
        case .eventDetail(let lines, let title, let scroll):
            let more = lines.count > area.height - 4 ? "↑↓ scroll · Esc closes" : "Esc closes"
            Modal(
                title: title, lines: lines, footer: more, scroll: scroll, style: style,
                borderStyle: theme.text(.modalBorder), titleStyle: theme.text(.title), glyphs: options.glyphs
            )
            .render(in: area, buffer: &buffer)
        case .periodPicker(let picker):
            PeriodPickerOverlay(picker: picker, now: state.now, options: options).render(in: area, buffer: &buffer)
        }
    }
}
