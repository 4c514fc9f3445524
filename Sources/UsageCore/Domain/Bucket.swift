import Foundation

/// The size of a timeseries bucket, aligned to UTC.
public enum Bucket: String, Sendable, Hashable, CaseIterable, Codable {
    case hour
    case day
    case month

    /// The bucket after this one, wrapping around.
    public var next: Bucket {
        switch self {
        case .hour: .day
        case .day: .month
        case .month: .hour
        }
    }

    /// The start of the bucket that contains `date`.
    public func floor(_ date: Date) -> Date {
        switch self {
        case .hour: UTCTime.startOfHour(date)
        case .day: UTCTime.startOfDay(date)
        case .month: UTCTime.startOfMonth(date)
        }
    }

    /// The start of the bucket after the one starting at `start`.
    public func advance(_ start: Date) -> Date {
        switch self {
        case .hour: start.addingTimeInterval(3_600)
        case .day: start.addingTimeInterval(86_400)
        case .month: UTCTime.addingMonths(1, to: start)
        }
    }

    /// Whether this bucket suits a chart of `period`: hours up to about a week, days from two days to about a year,
    /// months from about two months.
    public func fits(_ period: Period) -> Bool {
        let days = period.end.timeIntervalSince(period.start) / 86_400
        switch self {
        case .hour: return days <= 8
        case .day: return days >= 2 && days <= 400
        case .month: return days >= 59
        }
    }

    /// The next bucket that suits `period` (this one when no other does).
    public func next(fitting period: Period) -> Bucket {
        var candidate = next
        while candidate != self {
            if candidate.fits(period) { return candidate }
            candidate = candidate.next
        }
        return self
    }

    /// The most buckets one series may have.
    public static let maxCount = 100_000

    /// The bucket starts covering `period`, the first one floored; more than `limit` is an error naming the limit
    /// (never a series silently cut short).
    public func starts(in period: Period, limit: Int = Bucket.maxCount) throws(UsageError) -> [Date] {
        var result: [Date] = []
        var cursor = floor(period.start)
        while cursor < period.end {
            guard result.count < limit else {
                throw UsageError(
                    .invalidInput,
                    "this period has more than \(DecimalText.grouped(Decimal(limit), fractionDigits: 0)) \(rawValue)s, the most one series may have: choose a larger bucket or a shorter period"
                )
            }
            result.append(cursor)
            cursor = advance(cursor)
        }
        return result
    }
}
