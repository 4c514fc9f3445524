import Foundation

/// The periods the dashboard cycles through with `p`; all are whole UTC days.
public enum PeriodPreset: String, Sendable, Hashable, CaseIterable, Codable {
    case today
    case last7Days = "last-7-days"
    case last30Days = "last-30-days"
    case thisMonth = "this-month"
    case lastMonth = "last-month"

    /// A short label for headers.
    public var label: String {
        switch self {
        case .today: "today"
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

    /// The concrete period for this preset at `now`.
    public func resolve(now: Date) -> Period {
        let today = UTCTime.startOfDay(now)
        let tomorrow = today.addingTimeInterval(86_400)
        switch self {
        case .today: return Period(start: today, end: tomorrow)
        case .last7Days: return Period(start: today.addingTimeInterval(-6 * 86_400), end: tomorrow)
        case .last30Days: return Period(start: today.addingTimeInterval(-29 * 86_400), end: tomorrow)
        case .thisMonth: return Period.month(containing: now)
        case .lastMonth:
            let start = UTCTime.addingMonths(-1, to: UTCTime.startOfMonth(now))
            return Period(start: start, end: UTCTime.startOfMonth(now))
        }
    }
}
