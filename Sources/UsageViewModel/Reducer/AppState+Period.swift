import Foundation
import KeyInput
import UsageCore

extension AppState {
    /// Keys in the period picker: `↑`/`↓` move through the presets, text types a range (`-7d`,
    /// `2026-11-01..2026-11-08`), `Enter` applies the typed range or else the highlighted preset, `Esc` cancels.
    mutating func typeInPeriodPicker(_ key: Key, _ picker: PeriodPicker) -> [Effect] {
        var picker = picker
        let count = PeriodPicker.presets.count
        switch key {
        case .up, .wheelUp: picker.cursor = (picker.cursor + count - 1) % count
        case .down, .wheelDown: picker.cursor = (picker.cursor + 1) % count
        case .character(let c):
            picker.typed.append(c)
            picker.problem = nil
        case .text(let text):
            picker.typed += text
            picker.problem = nil
        case .backspace:
            picker.typed = String(picker.typed.dropLast())
            picker.problem = nil
        case .escape:
            overlay = nil
            return []
        case .enter:
            guard !picker.typed.isEmpty else {
                overlay = nil
                return choose(.preset(PeriodPicker.presets[picker.cursor]))
            }
            do {
                let choice = try PeriodText.parse(picker.typed, now: now)
                overlay = nil
                return choose(choice)
            } catch {
                picker.problem = error.message
            }
        default: break
        }
        overlay = .periodPicker(picker)
        return []
    }

    /// Shows `choice` on the current view (and every view below it): a bucket that no longer fits gives way to the
    /// period's natural one, and the view reloads.
    mutating func choose(_ choice: PeriodChoice) -> [Effect] {
        period = choice
        let resolved = resolvedPeriod
        if !bucket.fits(resolved) { bucket = choice.naturalBucket(now: now) }
        message = StatusMessage(
            "period: \(choice.isFixed ? choice.label : "\(choice.label) (\(PeriodText.span(resolved)))")", .info)
        if var chart = top?.seriesState {
            chart.cursor = nil
            top?.seriesState = chart
        }
        return reloadTop()
    }
}
