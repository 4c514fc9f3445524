import Foundation

/// What a change column compares a period with: the period before of the same length, or the same stretch a month
/// or a year earlier; a period under way is compared with the same elapsed part of the other one.
public enum Comparison: String, Sendable, Hashable, CaseIterable {
    case previous
    case lastMonth = "last-month"
    case lastYear = "last-year"

    /// The comparison after this one for a key that cycles them, nil after the last (no comparison).
    public var next: Comparison? {
        let all = Self.allCases
        let index = all.firstIndex(of: self)! + 1
        return index < all.count ? all[index] : nil
    }

    /// The period `choice` is compared with at `now`.
    public func period(of choice: PeriodChoice, now: Date) -> Period {
        switch self {
        case .previous: return choice.previous(now: now)
        case .lastMonth, .lastYear:
            let months = self == .lastMonth ? -1 : -12
            let current = choice.resolve(now: now)
            // Under way: the same elapsed part, to the minute (so an answer cached for it holds for a minute).
            let end =
                now > current.start && now < current.end
                ? Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.down) * 60) : current.end
            return Period(start: Self.moved(current.start, months: months), end: Self.moved(end, months: months))
        }
    }

    /// The same moment `months` months away: the same day and time of that month, or of its last day when it is
    /// shorter (March 31 a month earlier is February 28).
    static func moved(_ date: Date, months: Int) -> Date {
        let start = UTCTime.startOfMonth(date), day = UTCTime.startOfDay(date)
        let target = UTCTime.addingMonths(months, to: start)
        let lastDay = UTCTime.addingMonths(1, to: target).addingTimeInterval(-86_400)
        let dayStart = min(target.addingTimeInterval(day.timeIntervalSince(start)), lastDay)
        return dayStart.addingTimeInterval(date.timeIntervalSince(day))
    }

    /// A header's words for it (`vs prev 7d`, `vs last month`, `vs last year`).
    public func label(of choice: PeriodChoice) -> String {
        switch self {
        case .previous: choice.comparisonLabel
        case .lastMonth: "vs a month before"
        case .lastYear: "vs a year before"
        }
    }

    /// `+12 (+35%)`, `-3 (-20%)`, `+5 (new)` from nothing, `0`: a change and its share of what it was.
    public static func text(_ change: Decimal, previous: Decimal, value: (Decimal) -> String) -> String {
        guard change != 0 else { return "0" }
        let sign = change > 0 ? "+" : "-"
        let amount = sign + value(change.magnitude)
        guard previous != 0 else { return amount + " (new)" }
        var percent = change / previous.magnitude * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &percent, 0, .plain)
        return amount + " (\(sign)\(NSDecimalNumber(decimal: rounded.magnitude).stringValue)%)"
    }
}
