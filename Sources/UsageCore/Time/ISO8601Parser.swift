import Foundation

/// Parses ISO-8601 timestamps (`2026-11-01`, `2026-11-01T10:00Z`, `...T10:00:00.123+02:00`, `... 10:00:00 +0000`) and unix seconds into
/// whole milliseconds, with integers only (`.035` is 35 ms, never 34.999…); digits past the millisecond are dropped.
public enum ISO8601Parser {
    /// Parses an ISO-8601 date or date-time; a value without zone is UTC. Returns nil when malformed.
    public static func parse(_ text: String) -> Date? {
        parseMilliseconds(text).map(UTCTime.date(milliseconds:))
    }

    /// Milliseconds since 1970 of an ISO-8601 date or date-time (years 0000–9999), or nil when malformed.
    public static func parseMilliseconds(_ text: String) -> Int64? {
        var scanner = Scanner(bytes: Array(text.utf8))
        guard let year = scanner.digits(4), scanner.expect(45), let month = scanner.digits(2), scanner.expect(45),
            let day = scanner.digits(2), (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        var milliseconds = 0
        if !scanner.atEnd {
            guard let time = scanner.timeOfDay(), let offset = scanner.zone() else { return nil }
            milliseconds = time - offset * 1000
        }
        guard scanner.atEnd else { return nil }
        return Int64(UTCTime.daysFromCivil(year: year, month: month, day: day)) * 86_400_000 + Int64(milliseconds)
    }

    /// Reads ISO-8601 pieces from UTF-8 bytes, left to right.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index == bytes.count }

        /// Exactly `count` ASCII digits as a number.
        mutating func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += count
            return value
        }

        mutating func expect(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// `Thh:mm[:ss[.fff…]]` (or a space or `t` for `T`) as milliseconds into the day; digits past the
        /// millisecond are read and dropped.
        mutating func timeOfDay() -> Int? {
            guard expect(84) || expect(116) || expect(32), let hour = digits(2), expect(58), let minute = digits(2),
                hour < 24, minute < 60
            else { return nil }
            var second = 0, millisecond = 0
            if expect(58) {
                guard let s = digits(2), s < 60 else { return nil }
                second = s
                if expect(46) || expect(44) {
                    let start = index
                    while index < bytes.count, (48...57).contains(bytes[index]) {
                        if index - start < 3 { millisecond = millisecond * 10 + Int(bytes[index] - 48) }
                        index += 1
                    }
                    guard index > start else { return nil }
                    for _ in min(3, index - start)..<3 { millisecond *= 10 }
                }
            }
            return ((hour * 60 + minute) * 60 + second) * 1000 + millisecond
        }

        /// `Z`, `±hh:mm`, `±hhmm`, ` UTC` or nothing, as seconds east of UTC; a space may come before the zone (Ruby's
        /// `2026-11-05 10:00:00 +0000`).
        mutating func zone() -> Int? {
            if atEnd { return 0 }
            _ = expect(32)
            if expect(90) || expect(122) { return 0 }
            if bytes[index...].elementsEqual("UTC".utf8) || bytes[index...].elementsEqual("GMT".utf8) {
                index = bytes.count
                return 0
            }
            let sign = expect(45) ? -1 : (expect(43) ? 1 : 0)
            guard sign != 0, let hours = digits(2) else { return nil }
            _ = expect(58)
            guard let minutes = digits(2), hours < 24, minutes < 60 else { return nil }
            return sign * (hours * 3_600 + minutes * 60)
        }
    }

    /// Parses a timestamp given as ISO-8601 text or unix seconds (a number or numeric text), within
    /// `EventTime`'s range; nil otherwise. `EventTime.milliseconds(from:)` says why.
    public static func parseTimestamp(_ value: JSONValue) -> Date? {
        guard case .success(let milliseconds) = EventTime.milliseconds(from: value) else { return nil }
        return UTCTime.date(milliseconds: milliseconds)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
