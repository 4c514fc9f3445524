import Foundation

/// A half-open time range `[start, end)`, in UTC.
public struct Period: Sendable, Hashable, Codable {
    /// Inclusive start.
    public var start: Date
    /// Exclusive end.
    public var end: Date

    /// Creates a period; `end` must not precede `start`.
    public init(start: Date, end: Date) {
        precondition(end >= start, "period end precedes start")
        self.start = start
        self.end = end
    }

    /// Whether `date` falls inside `[start, end)`.
    public func contains(_ date: Date) -> Bool { date >= start && date < end }

    /// Whether the two periods share an instant.
    public func overlaps(_ other: Period) -> Bool { start < other.end && other.start < end }

    /// Whether `periods` (sorted by start) make up exactly this period: each inside it, together covering it.
    public func isMadeUp(of periods: [Period]) -> Bool {
        var covered = start
        for period in periods {
            guard period.start >= start, period.end <= end, period.start <= covered else { return false }
            covered = Swift.max(covered, period.end)
        }
        return covered >= end && !periods.isEmpty
    }

    /// The end of a window that rolls with the clock a minute at a time: the start of the minute after `now`'s
    /// (so the current minute counts, and an answer holds for the rest of it).
    public static func rollingEnd(_ now: Date) -> Date {
        Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60)
    }

    /// The calendar month that contains `date`, in UTC.
    public static func month(containing date: Date) -> Period {
        let start = UTCTime.startOfMonth(date)
        return Period(start: start, end: UTCTime.addingMonths(1, to: start))
    }
}
