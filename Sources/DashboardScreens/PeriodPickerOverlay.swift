import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// The period picker: the presets with their dates, a field for a typed range, and what that range resolves to
/// (or why it is refused) before `Enter` applies it.
struct PeriodPickerOverlay {
    let picker: PeriodPicker
    let now: Date
    let options: RenderOptions

    func render(in area: Rect, buffer: inout Buffer) {
        let theme = options.theme
        let presets = PeriodPicker.presets
        let labelWidth = presets.map { TextWidth.of($0.label) }.max() ?? 0
        var lines = presets.map { preset in
            "  " + TextWidth.fit(preset.label, to: labelWidth) + "   " + PeriodText.span(preset.resolve(now: now))
        }
        lines += [
            "", "  Or type: " + Format.typing(picker.typed) + "_", "  " + preview, "",
            "  e.g. -7d, -36h, 2026-11, 2026-11-05, 2026-11-01..2026-11-08",
        ]
        let modal = Modal(
            title: "Period", lines: lines, footer: "↑↓ choose · Enter apply · Esc cancel",
            style: theme.base, borderStyle: theme.text(.modalBorder), titleStyle: theme.text(.title),
            glyphs: options.glyphs)
        modal.render(in: area, buffer: &buffer)
        let inner = modal.frame(in: area).inset(dx: 2, dy: 1)
        guard picker.cursor < inner.height, picker.typed.isEmpty else { return }
        let marker = options.glyphs == .ascii ? "> " : "› "
        let selected = marker + TextWidth.fit(presets[picker.cursor].label, to: labelWidth)
        buffer.write(
            TextWidth.truncate(selected, to: inner.width), x: inner.x, y: inner.y + picker.cursor,
            style: theme.fill(.selection))
    }

    /// What the typed text means, or why it cannot be used.
    private var preview: String {
        if let problem = picker.problem { return "! " + problem }
        guard !picker.typed.isEmpty else { return "" }
        guard let choice = try? PeriodText.parse(picker.typed, now: now) else { return "…" }
        let period = choice.resolve(now: now)
        let hours = Int(period.end.timeIntervalSince(period.start) / 3_600)
        let length =
            hours % 24 == 0 ? "\(hours / 24) day\(hours == 24 ? "" : "s")" : "\(hours) hour\(hours == 1 ? "" : "s")"
        return "= \(PeriodText.span(period)) (\(length))"
    }
}
