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
        // Events or a breakdown of one bucket follow the period chosen from now on.
        if top?.eventsState?.period != nil { top?.eventsState?.period = nil }
        if top?.breakdownState?.period != nil { top?.breakdownState?.period = nil }
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

    /// `[` and `]`: events or a breakdown of one bucket move to the bucket before or after (the same length);
    /// every other view moves the dashboard's period by its own length.
    mutating func shiftPeriod(by steps: Int) -> [Effect] {
        let own = top?.eventsState?.period ?? top?.breakdownState?.period
        guard let own else { return choose(period.shifted(by: steps, now: now)) }
        let moved = PeriodChoice.fixed(own).shifted(by: steps, now: now).resolve(now: now)
        if var events = top?.eventsState {
            events.period = moved
            events.pageIndex = 0
            events.cursor = ListCursor()
            (events.propertyValues, events.valuesRequest) = (nil, nil)
            top?.eventsState = events
        }
        if var breakdown = top?.breakdownState {
            breakdown.period = moved
            breakdown.cursor = ListCursor()
            top?.breakdownState = breakdown
        }
        message = StatusMessage("period: \(PeriodText.span(moved))", .info)
        return reloadTop()
    }
}
