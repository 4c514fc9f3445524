import Foundation

/// The named periods (the period picker's list, the monitor's `p`): whole UTC days, except the last 24
/// whole-or-current hours; weeks start on Monday (or `WeekStart.current`), quarters in January, April, July and October.
public enum PeriodPreset: String, Sendable, Hashable, CaseIterable, Codable {
    case today
    case yesterday
    case last24Hours = "last-24-hours"
    case thisWeek = "this-week"
    case lastWeek = "last-week"
    case last7Days = "last-7-days"
    case last30Days = "last-30-days"
    case thisMonth = "this-month"
    case lastMonth = "last-month"
    case lastQuarter = "last-quarter"
    case yearToDate = "ytd"

    /// A short label for headers.
    public var label: String {
        switch self {
        case .today: "today"
        case .yesterday: "yesterday"
        case .last24Hours: "last 24 hours"
        case .last7Days: "last 7 days"
        case .last30Days: "last 30 days"
        case .thisMonth: "this month"
        case .lastMonth: "last month"
        case .thisWeek: "this week"
        case .lastWeek: "last week"
        case .lastQuarter: "last quarter"
        case .yearToDate: "year to date"
        }
    }

    /// The preset after this one, wrapping around.
    public var next: PeriodPreset {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// The bucket that suits a chart of this period: hours for a day, days for longer.
    public var naturalBucket: Bucket { [.today, .yesterday, .last24Hours].contains(self) ? .hour : .day }

    /// The concrete period for this preset at `now`, weeks starting on the process's `WeekStart`.
    public func resolve(now: Date) -> Period { resolve(now: now, weekStart: .current) }

    /// The concrete period for this preset at `now`, weeks starting on `weekStart`.
    public func resolve(now: Date, weekStart: WeekStart) -> Period {
        let today = UTCTime.startOfDay(now)
        let tomorrow = today.addingTimeInterval(86_400)
        switch self {
        case .today: return Period(start: today, end: tomorrow)
        case .yesterday: return Period(start: today.addingTimeInterval(-86_400), end: today)
        case .last24Hours:
            let nextHour = UTCTime.startOfHour(now).addingTimeInterval(3_600)
            return Period(start: nextHour.addingTimeInterval(-86_400), end: nextHour)
        case .last7Days: return Period(start: today.addingTimeInterval(-6 * 86_400), end: tomorrow)
        case .last30Days: return Period(start: today.addingTimeInterval(-29 * 86_400), end: tomorrow)
        case .thisMonth: return Period.month(containing: now)
        case .lastMonth:
            let start = UTCTime.addingMonths(-1, to: UTCTime.startOfMonth(now))
            return Period(start: start, end: UTCTime.startOfMonth(now))
        case .thisWeek, .lastWeek:
            let start = weekStart.start(ofWeekHolding: today).addingTimeInterval(self == .lastWeek ? -7 * 86_400 : 0)
            return Period(start: start, end: start.addingTimeInterval(7 * 86_400))
        case .lastQuarter:
            let month = UTCTime.startOfMonth(now)
            let quarter = UTCTime.addingMonths(-((UTCTime.fields(now).month - 1) % 3), to: month)
            return Period(start: UTCTime.addingMonths(-3, to: quarter), end: quarter)
        case .yearToDate:
            let january = UTCTime.addingMonths(-(UTCTime.fields(now).month - 1), to: UTCTime.startOfMonth(now))
            return Period(start: january, end: tomorrow)
        }
    }
}

extension PeriodPreset {
    /// What a change column compares with, short enough for a header (`vs yesterday`, `vs prev 7d`): the same
    /// elapsed part of the period before (see `previous(now:)`).
    public var comparisonLabel: String {
        switch self {
        case .today: "vs yesterday"
        case .yesterday: "vs day before"
        case .last24Hours: "vs prev 24h"
        case .last7Days: "vs prev 7d"
        case .last30Days: "vs prev 30d"
        case .thisMonth: "vs last month"
        case .lastMonth: "vs month before"
        case .thisWeek: "vs last week"
        case .lastWeek: "vs week before"
        case .lastQuarter: "vs quarter before"
        case .yearToDate: "vs last year"
        }
    }

    /// The period before this one cut to the same elapsed time (to the minute), so a half-finished month is compared with the
    /// first half of the month before (a finished period is compared with the whole previous one).
    public func previous(now: Date) -> Period {
        let current = resolve(now: now)
        let start: Date
        switch self {
        case .thisMonth, .lastMonth: start = UTCTime.addingMonths(-1, to: current.start)
        case .lastQuarter: start = UTCTime.addingMonths(-3, to: current.start)
        case .yearToDate: start = UTCTime.addingMonths(-12, to: current.start)
        case .today, .yesterday, .last24Hours, .last7Days, .last30Days, .thisWeek, .lastWeek:
            start = current.start.addingTimeInterval(-current.end.timeIntervalSince(current.start))
        }
        guard now < current.end else { return Period(start: start, end: current.start) }
        // Whole minutes, so the comparison period (and any answer cached for it) changes once a minute, not per refresh.
        let elapsed = max(0, (now.timeIntervalSince(current.start) / 60).rounded(.down) * 60)
        return Period(start: start, end: min(current.start, start.addingTimeInterval(elapsed)))
    }
}
