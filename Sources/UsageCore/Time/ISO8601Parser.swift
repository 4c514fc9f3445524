import Foundation

/// Parses ISO-8601 timestamps (`2026-11-01`, `2026-11-01T10:00Z`, `...T10:00:00.123+02:00`) and unix seconds into
/// whole milliseconds, with integers only (`.035` is 35 ms, never 34.999…); digits past the millisecond are dropped.
public enum ISO8601Parser {
    /// Parses an ISO-8601 date or date-time; a value without zone is UTC. Returns nil when malformed.
    public static func parse(_ text: String) -> Date? {
        parseMilliseconds(text).map(UTCTime.date(milliseconds:))
    }

    /// Milliseconds since 1970 of an ISO-8601 date or date-time (years 0000–9999), or nil when malformed.
    public static func parseMilliseconds(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = b[i + k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(45), let month = digits(2), expect(45), let day = digits(2),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        var hour = 0, minute = 0, second = 0, millisecond = 0, offset = 0
        if i < b.count {
            guard b[i] == 84 || b[i] == 116 || b[i] == 32 else { return nil }
            i += 1
            guard let h = digits(2), expect(58), let m = digits(2), h < 24, m < 60 else { return nil }
            hour = h
            minute = m
            if expect(58) {
                guard let s = digits(2), s < 60 else { return nil }
                second = s
                if i < b.count, b[i] == 46 || b[i] == 44 {
                    i += 1
                    let startFraction = i
                    while i < b.count, b[i] >= 48, b[i] <= 57 {
                        if i - startFraction < 3 { millisecond = millisecond * 10 + Int(b[i] - 48) }
                        i += 1
                    }
                    guard i > startFraction else { return nil }
                    for _ in min(3, i - startFraction)..<3 { millisecond *= 10 }
                }
            }
            if i < b.count {
                if b[i] == 90 || b[i] == 122 {
                    i += 1
                } else if b[i] == 43 || b[i] == 45 {
                    let sign = b[i] == 45 ? -1 : 1
                    i += 1
                    guard let oh = digits(2) else { return nil }
                    _ = expect(58)
                    guard let om = digits(2), oh < 24, om < 60 else { return nil }
                    offset = sign * (oh * 3_600 + om * 60)
                } else {
                    return nil
                }
            }
        }
        guard i == b.count else { return nil }
        let days = UTCTime.daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset
        return Int64(seconds) * 1000 + Int64(millisecond)
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
