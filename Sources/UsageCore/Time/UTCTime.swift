import Foundation

/// Calendar arithmetic and ISO-8601 text in UTC, done with integers (fast, locale-free, exact).
public enum UTCTime {
    /// Civil date fields in UTC.
    public struct Fields: Sendable, Hashable {
        public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    public static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Milliseconds since the epoch, to the nearest (dates in usagetop are whole milliseconds, and a `Double` of
    /// seconds may hold one a hair below its true value). Dates beyond ±200,000 years are held at that bound
    /// instead of trapping.
    public static func milliseconds(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded()
        guard value.isFinite else { return value.isNaN ? 0 : (value > 0 ? limit : -limit) }
        return Int64(max(-Double(limit), min(Double(limit), value)))
    }

    /// The largest magnitude `milliseconds(_:)` returns (about 200,000 years).
    private static let limit: Int64 = 6_311_390_400_000_000

    /// The date for milliseconds since the epoch.
    public static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// UTC fields of `date`.
    public static func fields(_ date: Date) -> Fields {
        let ms = milliseconds(date)
        let days = Int(ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000)
        let rest = Int(ms - Int64(days) * 86_400_000)
        let (y, m, d) = civil(fromDays: days)
        return Fields(
            year: y, month: m, day: d, hour: rest / 3_600_000, minute: rest / 60_000 % 60,
            second: rest / 1000 % 60, millisecond: rest % 1000)
    }

    /// Midnight UTC of the day containing `date`.
    public static func startOfDay(_ date: Date) -> Date {
        let f = fields(date)
        return Date(timeIntervalSince1970: Double(daysFromCivil(year: f.year, month: f.month, day: f.day)) * 86_400)
    }

    /// The start of the UTC hour containing `date`.
    public static func startOfHour(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 3_600).rounded(.down) * 3_600)
    }

    /// Midnight UTC on the first day of the month containing `date`.
    public static func startOfMonth(_ date: Date) -> Date {
        let f = fields(date)
        return Date(timeIntervalSince1970: Double(daysFromCivil(year: f.year, month: f.month, day: 1)) * 86_400)
    }

    /// The first of the month `months` after the month containing `date`.
    public static func addingMonths(_ months: Int, to date: Date) -> Date {
        let f = fields(date)
        let index = f.year * 12 + (f.month - 1) + months
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        let month = index - year * 12 + 1
        return Date(timeIntervalSince1970: Double(daysFromCivil(year: year, month: month, day: 1)) * 86_400)
    }

    /// `2026-11-01T00:00:00Z` (milliseconds shown only when not zero).
    public static func iso(_ date: Date) -> String {
        let f = fields(date)
        var text = "\(pad(f.year, 4))-\(pad(f.month))-\(pad(f.day))T\(pad(f.hour)):\(pad(f.minute)):\(pad(f.second))"
        if f.millisecond != 0 { text += ".\(pad(f.millisecond, 3))" }
        return text + "Z"
    }

    /// `2026-11-01 14:05` for compact tables.
    public static func short(_ date: Date) -> String {
        let f = fields(date)
        return "\(pad(f.year, 4))-\(pad(f.month))-\(pad(f.day)) \(pad(f.hour)):\(pad(f.minute))"
    }

    /// `2026-11-01`.
    public static func day(_ date: Date) -> String {
        let f = fields(date)
        return "\(pad(f.year, 4))-\(pad(f.month))-\(pad(f.day))"
    }

    /// `14:05:09`.
    public static func clock(_ date: Date) -> String {
        let f = fields(date)
        return "\(pad(f.hour)):\(pad(f.minute)):\(pad(f.second))"
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
