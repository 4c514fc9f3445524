import Foundation
import KeyInput
import UsageCore

extension AppState {
    /// Keys while a date or time is typed in the events view (`@`): `Enter` moves to the event nearest it (the
    /// newest at or before it when newest first, the oldest at or after it when oldest first), `Esc` cancels.
    mutating func typeInJump(_ key: Key) -> [Effect] {
        guard var state = top?.eventsState, let draft = state.jumpDraft else { return [] }
        switch key {
        case .character(let c): state.jumpDraft = draft + String(c)
        case .text(let text): state.jumpDraft = draft + text
        case .backspace: state.jumpDraft = String(draft.dropLast())
        case .escape: state.jumpDraft = nil
        case .enter:
            let period = state.period ?? resolvedPeriod
            guard let time = ISO8601Parser.parse(draft.trimmingCharacters(in: .whitespaces)) else {
                message = StatusMessage(
                    "a date or time, e.g. \(UTCTime.day(period.start)) or \(UTCTime.short(period.start)) (UTC)",
                    .warning
                )
                break
            }
            guard period.contains(time) || time == period.end else {
                message = StatusMessage("\(UTCTime.short(time)) is outside \(PeriodText.span(period))", .warning)
                break
            }
            state.jumpDraft = nil
            state.locating = time
            top?.eventsState = state
            return countEventsBefore(time, state, period: period)
        default: break
        }
        top?.eventsState = state
        return []
    }

    /// Asks how many events come before `time` in the list's order: the answer's total count is the row to show.
    private mutating func countEventsBefore(_ time: Date, _ state: EventsState, period: Period) -> [Effect] {
        let before =
            state.query.newestFirst
            ? Period(start: min(period.end, time.addingTimeInterval(0.001)), end: period.end)
            : Period(start: period.start, end: time)
        return loadTop(
            .events(
                customerID: state.customerID, metric: state.metric, period: before, page: 0, pageSize: 1,
                query: state.query))
    }

    /// Moves the events view to the page holding row `row` of the whole list and selects it there.
    mutating func jumped(toRow row: Int) -> [Effect] {
        guard var state = top?.eventsState, let time = state.locating else { return [] }
        state.locating = nil
        state.pageIndex = row / max(1, state.pageSize)
        state.pendingRow = row % max(1, state.pageSize)
        message = StatusMessage(
            "at \(UTCTime.short(time)): event \(DecimalText.grouped(Decimal(row + 1), fractionDigits: 0))", .info
        )
        top?.eventsState = state
        return loadEvents()
    }
}
