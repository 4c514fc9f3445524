import Foundation
import Synchronization

/// The day weeks start on, in UTC: for `this-week` and `last-week` and a chart's weekly ticks. Monday unless
/// `config.toml`'s `week_start` names another, set once when the program starts.
public enum WeekStart: String, Sendable, CaseIterable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    private static let chosen = Mutex(WeekStart.monday)

    /// The day this process's weeks start on.
    public static var current: WeekStart {
        get { chosen.withLock { $0 } }
        set { chosen.withLock { $0 = newValue } }
    }

    /// Days from the start of its week to day `day` since 1970-01-01 (a Thursday), 0 to 6.
    public func daysIntoWeek(_ day: Int) -> Int { Self.remainder(offset(day), 7) }

    /// Whether day `day` since 1970-01-01 starts a week, and one of every `weeks` weeks (a chart's ticks).
    public func startsWeek(day: Int, every weeks: Int) -> Bool { Self.remainder(offset(day), 7 * weeks) == 0 }

    /// Days since the week start before 1970-01-01 (Monday 0 … Sunday 6; Thursday is 3).
    private func offset(_ day: Int) -> Int { day + 3 - Self.allCases.firstIndex(of: self)! }

    private static func remainder(_ value: Int, _ divisor: Int) -> Int { (value % divisor + divisor) % divisor }

    /// Midnight (UTC) starting the week that holds `date`.
    public func start(ofWeekHolding date: Date) -> Date {
        let day = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        return Date(timeIntervalSince1970: Double(day - daysIntoWeek(day)) * 86_400)
    }
}
