import Foundation
import NIOHTTP1
import UsageCore

/// The wait a server asks for after a 429: `Retry-After` as RFC 9110 §10.2.3 defines it (delta-seconds or an
/// HTTP-date), else `x-ratelimit-reset` (Lago: seconds until the window resets; Hyperline: a date-time; some APIs:
/// a unix time). Anything else (`inf`, `NaN`, `-5`, `1e400`, garbage) is ignored, so the usual backoff applies;
/// a date in the past asks for no wait, and a huge number comes out huge (the retry policy caps it).
enum RetryAfter {
    /// What stands for "longer than anyone would wait"; the retry policy cuts it to its cap.
    static let huge: Duration = .seconds(1_000_000_000)

    /// The wait asked for by `headers`, if any is readable.
    static func wait(in headers: HTTPHeaders, now: Date) -> Duration? {
        if let value = headers.first(name: "Retry-After"), let wait = parse(value, now: now, unixTimes: false) {
            return wait
        }
        if let value = headers.first(name: "x-ratelimit-reset"), let wait = parse(value, now: now, unixTimes: true) {
            return wait
        }
        return nil
    }

    /// Seconds (`120`, or `1.5` as some APIs send), an HTTP-date or an ISO-8601 date-time; with `unixTimes`,
    /// a number from 1,000,000,000 up is a unix time. Never negative, never a trap.
    static func parse(_ raw: String, now: Date, unixTimes: Bool) -> Duration? {
        let value = raw.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
        if let seconds = seconds(value) {
            if unixTimes, let whole = seconds.whole, whole >= 1_000_000_000 {
                return until(Date(timeIntervalSince1970: Double(whole)), now: now)
            }
            return seconds.duration
        }
        if let date = HTTPDate.parse(value) ?? ISO8601Parser.parse(value) { return until(date, now: now) }
        return nil
    }

    private static func until(_ date: Date, now: Date) -> Duration {
        let milliseconds = (date.timeIntervalSince(now) * 1000).rounded(.up)
        guard milliseconds > 0 else { return .zero }
        return milliseconds >= 1e12 ? huge : .milliseconds(Int64(milliseconds))
    }

    /// `digits[.digits]` read without floating point: the duration (huge past 12 integer digits) and, when the
    /// integer part fits, its value.
    private static func seconds(_ text: String) -> (duration: Duration, whole: Int64?)? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let integer = parts.first, !integer.isEmpty, integer.utf8.allSatisfy({ (48...57).contains($0) }) else {
            return nil
        }
        let fraction = parts.count > 1 ? parts[1] : ""
        guard parts.count == 1 || (!fraction.isEmpty && fraction.utf8.allSatisfy({ (48...57).contains($0) })) else {
            return nil
        }
        let significant = integer.drop { $0 == "0" }
        guard significant.count <= 12, let whole = Int64(integer) else { return (huge, nil) }
        let milliseconds = Int64(String((fraction + "000").prefix(3))) ?? 0
        return (.seconds(whole) + .milliseconds(milliseconds), whole)
    }
}
