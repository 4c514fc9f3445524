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
        case .help(let scroll):
            let lines = HelpText.lines(for: state)
            let more =
                lines.count > HelpText.visibleRows(height: state.height) ? "↑↓ scroll · Esc closes" : "Esc closes"
            Modal(
                title: "Keys · \(state.screenKind.title)", lines: lines, footer: more, scroll: scroll, style: style,
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
