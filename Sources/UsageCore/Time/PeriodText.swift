import Foundation

/// Periods as people type them (`--period`, the period picker, `:period`) and as screens print them.
///
/// Accepted: a preset name (`this-month`, `yesterday`, `last 7 days`), trailing hours, days or weeks (`-36h`, `-10d`,
/// `-2w`), a month (`2026-11`), a day (`2026-11-05`), or a range `A..B` of those or of ISO-8601 date-times. A
/// date-only or month end is included (`2026-11-01..2026-11-08` is eight days); a date-time end is exclusive; an
/// empty end is the end of today.
public enum PeriodText {
    /// The forms, for help and errors.
    public static let forms =
        "this-month, last week, last-quarter, ytd, -7d, -36h, 2026-11, 2026-11-05, 2026-11-01..2026-11-08"

    /// The longest trailing period accepted, in days (about ten years).
    static let maxDays = 3_660

    /// The period `text` names at `now`.
    public static func parse(_ text: String, now: Date) throws(UsageError) -> PeriodChoice {
        let typed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let named = typed.replacingOccurrences(of: " ", with: "-")
        if let preset = PeriodPreset(rawValue: named) { return .preset(preset) }
        if let trailing = trailing(named) { return trailing }
        if let split = typed.range(of: "..") {
            let left = String(typed[..<split.lowerBound]).trimmingCharacters(in: .whitespaces)
            let right = String(typed[split.upperBound...]).trimmingCharacters(in: .whitespaces)
            guard let from = bounds(left) else { throw invalid(text, detail: "'\(left)' is not a date") }
            let end: Date
            if right.isEmpty {
                end = UTCTime.startOfDay(now).addingTimeInterval(86_400)
            } else if let to = bounds(right) {
                end = to.end
            } else {
                throw invalid(text, detail: "'\(right)' is not a date")
            }
            guard end > from.start else { throw invalid(text, detail: "the end is not after the start") }
            return .fixed(Period(start: from.start, end: end))
        }
        if let whole = bounds(typed), whole.end > whole.start {
            return .fixed(Period(start: whole.start, end: whole.end))
        }
        throw invalid(text, detail: nil)
    }

    /// A period as dates, the end shown as the last day inside it (`2026-11-14 → 2026-12-13`), or with times when it
    /// is not whole days (`2026-11-28 07:00 → 08:00`).
    public static func span(_ period: Period) -> String {
        if isWholeDays(period) {
            let first = UTCTime.day(period.start), last = UTCTime.day(period.end.addingTimeInterval(-1))
            return first == last ? first : "\(first) → \(last)"
        }
        let start = UTCTime.short(period.start), end = UTCTime.short(period.end)
        return start.prefix(10) == end.prefix(10) ? "\(start) → \(end.dropFirst(11))" : "\(start) → \(end)"
    }

    /// Text that `parse` reads back as `period`: `2026-11`, `2026-11-05`, `2026-11-01..2026-11-08`, or date-times.
    public static func argument(_ period: Period) -> String {
        if PeriodChoice.wholeMonths(period) == 1 { return String(UTCTime.day(period.start).prefix(7)) }
        guard isWholeDays(period) else { return "\(UTCTime.iso(period.start))..\(UTCTime.iso(period.end))" }
        let first = UTCTime.day(period.start), last = UTCTime.day(period.end.addingTimeInterval(-1))
        return first == last ? first : "\(first)..\(last)"
    }

    private static func isWholeDays(_ period: Period) -> Bool {
        UTCTime.startOfDay(period.start) == period.start && UTCTime.startOfDay(period.end) == period.end
    }

    /// `-36h`, `10d`, `last-2w`.
    private static func trailing(_ text: String) -> PeriodChoice? {
        var body = Substring(text)
        if body.hasPrefix("last-") { body = body.dropFirst(5) } else if body.hasPrefix("-") { body = body.dropFirst() }
        guard let unit = body.last, let count = Int(body.dropLast()), count > 0 else { return nil }
        switch unit {
        case "h" where count <= maxDays * 24: return .trailing(count, .hours)
        case "d" where count <= maxDays: return .trailing(count, .days)
        case "w" where count * 7 <= maxDays: return .trailing(count * 7, .days)
        default: return nil
        }
    }

    /// The span a bound covers: a month, a day, or a moment (start equals end).
    private static func bounds(_ text: String) -> (start: Date, end: Date)? {
        if text.count == 7, let start = ISO8601Parser.parse(text + "-01") {
            return (start, UTCTime.addingMonths(1, to: start))
        }
        guard let start = ISO8601Parser.parse(text) else { return nil }
        return text.count == 10 ? (start, start.addingTimeInterval(86_400)) : (start, start)
    }

    private static func invalid(_ text: String, detail: String?) -> UsageError {
        let shown = EscapedText.line(String(text.prefix(60)))
        let why = detail.map { " (\(EscapedText.line(String($0.prefix(80)))))" } ?? ""
        return UsageError(.invalidInput, "'\(shown)' is not a period\(why): try \(forms)")
    }
}
