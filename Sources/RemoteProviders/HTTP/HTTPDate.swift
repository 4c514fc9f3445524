import Foundation
import UsageCore

/// HTTP-date (RFC 9110 §5.6.7) in its three forms, which a recipient must all accept:
/// `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate), `Sunday, 06-Nov-94 08:49:37 GMT` (RFC 850) and
/// `Sun Nov  6 08:49:37 1994` (asctime). Parsed with integers; the weekday is not checked.
enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The instant `text` names, or nil when it is not an HTTP-date.
    static func parse(_ text: String) -> Date? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map { $0.lowercased() }
        switch words.count {
        case 4 where words[3] == "gmt":  // Sunday, 06-Nov-94 08:49:37 GMT
            let pieces = words[1].split(separator: "-").map(String.init)
            guard pieces.count == 3, let year = number(pieces[2], digits: 2...2) else { return nil }
            return make(day: pieces[0], month: pieces[1], year: year < 70 ? 2000 + year : 1900 + year, time: words[2])
        case 6 where words[5] == "gmt":  // Sun, 06 Nov 1994 08:49:37 GMT
            guard let year = number(words[3], digits: 4...4) else { return nil }
            return make(day: words[1], month: words[2], year: year, time: words[4])
        case 5:  // Sun Nov  6 08:49:37 1994
            guard let year = number(words[4], digits: 4...4) else { return nil }
            return make(day: words[2], month: words[1], year: year, time: words[3])
        default:
            return nil
        }
    }

    private static func make(day dayText: String, month monthText: String, year: Int, time: String) -> Date? {
        let clock = time.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let month = months.firstIndex(of: monthText), let day = number(dayText, digits: 1...2),
            (1...31).contains(day),
            clock.count == 3, let hour = number(clock[0], digits: 2...2), let minute = number(clock[1], digits: 2...2),
            let second = number(clock[2], digits: 2...2), hour < 24, minute < 60, second <= 60
        else { return nil }
        let days = UTCTime.daysFromCivil(year: year, month: month + 1, day: day)
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3_600 + minute * 60 + second))
    }

    /// `text` as a number when it is only ASCII digits, as many as `digits` allows.
    private static func number(_ text: String, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(text.utf8.count), text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int(text)
    }
}
