import Foundation

/// Exact conversion between decimal text and `Decimal`, independent of locale.
public enum DecimalText {

    /// Parses `-12.50`, `3`, `1e3` exactly; nil for anything else (including `NaN`, `inf`, empty).
    /// Reads the digits itself: no locale, no string bridging (this runs for every stored value the store reads).
    public static func parse(_ text: String) -> Decimal? {
        var bytes = Array(text.utf8)[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes.removeFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        guard !bytes.isEmpty, bytes.count <= 64 else { return nil }
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes.removeFirst()
        }
        var digits: [UInt8] = [], fraction = 0, seenPoint = false
        while let c = bytes.first, (48...57).contains(c) || (c == UInt8(ascii: ".") && !seenPoint) {
            bytes.removeFirst()
            if c == UInt8(ascii: ".") { seenPoint = true; continue }
            if seenPoint { fraction += 1 }
            if !(digits.isEmpty && c == 48) { digits.append(c - 48) } else if seenPoint { continue }
        }
        var exponent = 0
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes.removeFirst()
            var expNegative = false
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
                expNegative = sign == UInt8(ascii: "-")
                bytes.removeFirst()
            }
            guard !bytes.isEmpty, bytes.count <= 4, bytes.allSatisfy({ (48...57).contains($0) }) else { return nil }
            exponent = bytes.reduce(0) { $0 * 10 + Int($1 - 48) } * (expNegative ? -1 : 1)
            bytes.removeAll()
        }
        guard bytes.isEmpty, sawDigit(text) else { return nil }
        return build(digits: digits, exponent: exponent - fraction, negative: negative)
    }

    private static func sawDigit(_ text: String) -> Bool {
        var mantissa = true
        for c in text.utf8 {
            if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { mantissa = false }
            if mantissa && (48...57).contains(c) { return true }
        }
        return false
    }

    /// `digits` × 10^`exponent`, exactly, when it fits `Decimal` (38 digits, exponent −128…127).
    private static func build(digits: [UInt8], exponent: Int, negative: Bool) -> Decimal? {
        guard !digits.isEmpty else { return Decimal(0) }
        var digits = digits[...], exponent = exponent
        while digits.count > 1, digits.last == 0, exponent < 127 { digits.removeLast(); exponent += 1 }
        guard digits.count <= 38, (-128...127).contains(exponent) else { return nil }
        var significand = Decimal(0)
        var chunk: UInt64 = 0, chunkDigits = 0
        for digit in digits {
            chunk = chunk * 10 + UInt64(digit)
            chunkDigits += 1
            if chunkDigits == 18 {
                significand = significand * Decimal(sign: .plus, exponent: 18, significand: 1) + Decimal(chunk)
                chunk = 0
                chunkDigits = 0
            }
        }
        if chunkDigits > 0 {
            significand = significand * Decimal(sign: .plus, exponent: chunkDigits, significand: 1) + Decimal(chunk)
        }
        return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: significand)
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
        return grouping(rounded.description)
    }

    /// Plain decimal text (`-1234567.25`) with thousands separators (`-1,234,567.25`), digit for digit; text that is
    /// not a plain number comes back unchanged.
    public static func grouping(_ plain: String) -> String {
        guard isPlain(plain) else { return plain }
        let negative = plain.hasPrefix("-")
        let parts = (negative ? plain.dropFirst() : Substring(plain)).split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var groupedText = ""
        while integer.count > 3 {
            groupedText = "," + integer.suffix(3) + groupedText
            integer = String(integer.dropLast(3))
        }
        groupedText = integer + groupedText
        if parts.count == 2 { groupedText += "." + parts[1] }
        return (negative ? "-" : "") + groupedText
    }

    /// The decimals a (possibly grouped) number text shows: `1,234.567` → 3, `12` → 0; 0 for anything else.
    public static func decimals(of text: String) -> Int {
        shape(text, commas: true) ?? 0
    }

    /// Whether `text` is a plain number: an optional minus, digits, and optionally a point and digits (`-12.50`).
    public static func isPlain(_ text: String) -> Bool {
        shape(text, commas: false) != nil
    }

    /// The decimals of `-?[0-9]+(\.[0-9]+)?` (commas allowed among the integer digits when asked), nil when the text
    /// has another shape. Read byte by byte: it runs for every number of a table, and a regex literal is compiled at
    /// each use.
    private static func shape(_ text: String, commas: Bool) -> Int? {
        var integerDigits = 0, fractionDigits = 0, inFraction = false, first = true
        for byte in text.utf8 {
            defer { first = false }
            switch byte {
            case UInt8(ascii: "-") where first: continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inFraction { fractionDigits += 1 } else { integerDigits += 1 }
            case UInt8(ascii: ",") where commas && !inFraction: continue
            case UInt8(ascii: ".") where !inFraction && integerDigits > 0: inFraction = true
            default: return nil
            }
        }
        guard integerDigits > 0, !inFraction || fractionDigits > 0 else { return nil }
        return fractionDigits
    }

    /// A number text padded on the right so that its decimal point lines up with those of a right-aligned column
    /// whose values show up to `decimals` decimals (`12` → `12   ` beside `3.25`).
    public static func aligned(_ text: String, decimals: Int) -> String {
        guard decimals > 0 else { return text }
        let have = Self.decimals(of: text)
        let pad = decimals - have + (have == 0 && !text.contains(".") ? 1 : 0)
        return text + String(repeating: " ", count: max(0, pad))
    }

    /// Compact text for narrow columns and axes (`950`, `12.3k`, `4.56M`).
    public static func compact(_ value: Decimal) -> String {
        let magnitude = value < 0 ? -value : value
        let units: [(Decimal, String)] = [
            (1_000_000_000_000, "T"), (1_000_000_000, "G"), (1_000_000, "M"), (1_000, "k"),
        ]
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
