import TermUI
import UsageViewModel

/// The help overlay (drawn from the key map) and the event-detail overlay.
enum Overlays {
    static func render(_ overlay: Overlay, _ state: AppState, _ options: RenderOptions, area: Rect, buffer: inout Buffer) {
        let theme = options.theme
        let style = theme.base
        switch overlay {
        case .help:
            let bindings = KeyMap.bindings(for: state.screenKind)
            let keyWidth = bindings.map { TextWidth.of($0.keyLabel) }.max() ?? 0
            let lines = bindings.map { TextWidth.fit($0.keyLabel, to: keyWidth) + "   " + $0.summary }
            Modal(title: "Keys · \(state.screenKind.title)", lines: lines, footer: "Esc closes", style: style,
                  borderStyle: theme.text(.modalBorder), titleStyle: theme.text(.title), glyphs: options.glyphs)
                .render(in: area, buffer: &buffer)
        case .eventDetail(let lines, let title, let scroll):
            let more = lines.count > area.height - 4 ? "↑↓ scroll · Esc closes" : "Esc closes"
            Modal(title: title, lines: lines, footer: more, scroll: scroll, style: style,
                  borderStyle: theme.text(.modalBorder), titleStyle: theme.text(.title), glyphs: options.glyphs)
                .render(in: area, buffer: &buffer)
        }
    }
}
