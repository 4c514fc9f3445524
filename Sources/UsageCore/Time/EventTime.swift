import Foundation

/// The instants an event may carry: whole milliseconds from 1970-01-01T00:00:00Z up to, not including,
/// 2200-01-01T00:00:00Z. A timestamp is ISO-8601 text or unix seconds (a JSON number or numeric text), read
/// exactly; anything outside the range is refused with its reason (a 13-digit number gets a milliseconds hint).
public enum EventTime {
    /// 1970-01-01T00:00:00Z.
    public static let startMilliseconds: Int64 = 0
    /// 2200-01-01T00:00:00Z, the first instant refused.
    public static let endMilliseconds: Int64 = 7_258_118_400_000

    /// Why a timestamp was refused, as one line.
    public struct Rejection: Error, Sendable, Hashable {
        /// The reason.
        public var reason: String
    }

    /// The timestamp in milliseconds, or the reason it cannot be used.
    public static func milliseconds(from value: JSONValue) -> Result<Int64, Rejection> {
        if case .number(let raw) = value, let milliseconds = plainSeconds(raw), milliseconds < endMilliseconds {
            return .success(milliseconds)
        }
        let shown = JSONWriter.compact(value)
        switch value {
        case .string(let text):
            if let milliseconds = ISO8601Parser.parseMilliseconds(text) { return inRange(milliseconds, shown: shown) }
            guard text.utf8.allSatisfy({ (48...57).contains($0) || $0 == 46 || $0 == 45 }) else {
                return .failure(Rejection(reason: "timestamp \(shown) is neither ISO-8601 nor unix seconds"))
            }
            return seconds(text, shown: shown)
        case .number(let raw):
            return seconds(raw, shown: shown)
        default:
            return .failure(Rejection(reason: "timestamp \(shown) is neither ISO-8601 nor unix seconds"))
        }
    }

    /// Milliseconds of plain unix seconds (`1762000000`, `1762000000.0359`, sub-milliseconds dropped as `seconds`
    /// drops them), read digit by digit; nil for any other form, which `seconds` then reads or refuses.
    private static func plainSeconds(_ text: String) -> Int64? {
        var whole: Int64 = 0, fraction: Int64 = 0, wholeDigits = 0, fractionDigits = 0, inFraction = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "."), !inFraction { inFraction = true; continue }
            guard byte &- 48 < 10 else { return nil }
            if inFraction {
                if fractionDigits < 3 { fraction = fraction * 10 + Int64(byte &- 48) }
                fractionDigits += 1
            } else {
                wholeDigits += 1
                guard wholeDigits <= 12 else { return nil }
                whole = whole * 10 + Int64(byte &- 48)
            }
        }
        guard wholeDigits > 0, !inFraction || fractionDigits > 0 else { return nil }
        for _ in min(fractionDigits, 3)..<3 { fraction *= 10 }
        return whole * 1000 + fraction
    }

    /// Unix seconds read as an exact decimal (`1762000000.035` is 35 ms past the second).
    private static func seconds(_ text: String, shown: String) -> Result<Int64, Rejection> {
        guard let seconds = DecimalText.parse(text) else {
            if JSONValue.number(text) == (try? JSONParser.parse(text)) {  // a valid number beyond what a decimal holds
                let side = text.hasPrefix("-") ? "before 1970-01-01" : "after 2200-01-01"
                return .failure(Rejection(reason: "timestamp \(shown) is \(side) \(range)"))
            }
            return .failure(Rejection(reason: "timestamp \(shown) is neither ISO-8601 nor unix seconds"))
        }
        let end = Decimal(endMilliseconds / 1000)
        guard seconds >= 0 else {
            return .failure(Rejection(reason: "timestamp \(shown) is before 1970-01-01 \(range)"))
        }
        guard seconds < end else {
            let hint =
                seconds >= 1_000_000_000_000 && seconds < 10_000_000_000_000 && seconds == seconds.rounded(0)
                ? "; it looks like milliseconds: give seconds (\(DecimalText.format((seconds / 1000).rounded(3))))"
                : ""
            return .failure(Rejection(reason: "timestamp \(shown) is after 2200-01-01 \(range)\(hint)"))
        }
        let milliseconds = (seconds * 1000).rounded(0, .down)
        return .success(NSDecimalNumber(decimal: milliseconds).int64Value)
    }

    private static func inRange(_ milliseconds: Int64, shown: String) -> Result<Int64, Rejection> {
        if milliseconds < startMilliseconds {
            return .failure(Rejection(reason: "timestamp \(shown) is before 1970-01-01 \(range)"))
        }
        if milliseconds >= endMilliseconds {
            return .failure(Rejection(reason: "timestamp \(shown) is after 2200-01-01 \(range)"))
        }
        return .success(milliseconds)
    }

    private static let range = "(events must fall between 1970 and 2200)"
}
