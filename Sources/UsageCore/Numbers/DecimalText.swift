import Foundation

/// Exact conversion between decimal text and `Decimal`, independent of locale.
public enum DecimalText {
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Parses `-12.50`, `3`, `1e3` exactly; nil for anything else (including `NaN`, `inf`, empty).
    public static func parse(_ text: String) -> Decimal? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 64 else { return nil }
        var sawDigit = false
        for (i, c) in trimmed.utf8.enumerated() {
            switch c {
            case 48...57: sawDigit = true
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): continue
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                if i != 0 && !"eE".utf8.contains(Array(trimmed.utf8)[i - 1]) { return nil }
            default: return nil
            }
        }
        guard sawDigit, let value = Decimal(string: trimmed, locale: posix), !value.isNaN else { return nil }
        return value
    }

    /// Plain decimal text without exponent or grouping (`0.3`, `-12.5`, `1000`).
    public static func format(_ value: Decimal) -> String {
        var v = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &v, 12, .plain)
        return rounded.description
    }

    /// Text with thousands separators and at most `fractionDigits` decimals (`1,234.57`).
    public static func grouped(_ value: Decimal, fractionDigits: Int = 2) -> String {
        var v = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &v, fractionDigits, .plain)
        let text = rounded.description
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        var integer = String(parts.first ?? "0")
        var groupedText = ""
        while integer.count > 3 {
            groupedText = "," + integer.suffix(3) + groupedText
            integer = String(integer.dropLast(3))
        }
        groupedText = integer + groupedText
        if parts.count == 2 { groupedText += "." + parts[1] }
        return (negative ? "-" : "") + groupedText
    }

    /// Compact text for narrow columns and axes (`950`, `12.3k`, `4.56M`).
    public static func compact(_ value: Decimal) -> String {
        let magnitude = value < 0 ? -value : value
        let units: [(Decimal, String)] = [(1_000_000_000_000, "T"), (1_000_000_000, "G"), (1_000_000, "M"), (1_000, "k")]
        for (scale, suffix) in units where magnitude >= scale {
            let scaled = value / scale
            let digits = (magnitude / scale) >= 100 ? 0 : ((magnitude / scale) >= 10 ? 1 : 2)
            return grouped(scaled, fractionDigits: digits) + suffix
        }
        return grouped(value, fractionDigits: magnitude >= 100 ? 0 : 2)
    }

    /// The nearest Double, for drawing only (never for arithmetic).
    public static func double(_ value: Decimal) -> Double {
        NSDecimalNumber(decimal: value).doubleValue
    }
}
