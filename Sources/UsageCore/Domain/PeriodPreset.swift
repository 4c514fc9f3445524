import Foundation

/// The named periods (the period picker's list, the monitor's `p`): whole UTC days, except the last 24
/// whole-or-current hours.
public enum PeriodPreset: String, Sendable, Hashable, CaseIterable, Codable {
    case today
    case yesterday
    case last24Hours = "last-24-hours"
    case last7Days = "last-7-days"
    case last30Days = "last-30-days"
    case thisMonth = "this-month"
    case lastMonth = "last-month"

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
        }
    }

    /// The preset after this one, wrapping around.
    public var next: PeriodPreset {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// The bucket that suits a chart of this period: hours for a day, days for longer.
    public var naturalBucket: Bucket { [.today, .yesterday, .last24Hours].contains(self) ? .hour : .day }

    /// The concrete period for this preset at `now`.
    public func resolve(now: Date) -> Period {
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
        }
    }

    /// The period before this one cut to the same elapsed time (to the minute), so a half-finished month is compared with the
    /// first half of the month before (a finished period is compared with the whole previous one).
    public func previous(now: Date) -> Period {
        let current = resolve(now: now)
        let start: Date
        switch self {
        case .thisMonth, .lastMonth: start = UTCTime.addingMonths(-1, to: current.start)
        case .today, .yesterday, .last24Hours, .last7Days, .last30Days:
            start = current.start.addingTimeInterval(-current.end.timeIntervalSince(current.start))
        }
        guard now < current.end else { return Period(start: start, end: current.start) }
        // Whole minutes, so the comparison period (and any answer cached for it) changes once a minute, not per refresh.
        let elapsed = max(0, (now.timeIntervalSince(current.start) / 60).rounded(.down) * 60)
        return Period(start: start, end: min(current.start, start.addingTimeInterval(elapsed)))
    }
}
