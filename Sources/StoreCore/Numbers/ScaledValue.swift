import Foundation
import UsageCore

/// A decimal of at most 12 places held as a whole count of 10⁻¹² in an `Int128`, so that ingest and the store's SQL
/// functions add and compare the values they see most (plain text such as `12.5`) with integer arithmetic instead of
/// `Decimal`'s. It holds magnitudes below 1.7 × 10²⁶; anything else is left to `Decimal` by the caller.
package struct ScaledValue: Hashable, Comparable, Sendable {
    /// The decimal places held.
    package static let places = 12
    private static let unit: Int128 = 1_000_000_000_000

    /// The value × 10¹².
    package var units: Int128

    /// The value with `units` × 10⁻¹².
    package init(units: Int128) {
        self.units = units
    }

    /// Parses plain decimal text (`-12.50`, `3`, `0.001`): an optional minus, digits, an optional point and digits.
    /// Nil for any other form (exponents, spaces, a plus sign), for more than 12 places once trailing zeros are
    /// dropped, and for magnitudes it cannot hold.
    package init?(_ text: String) {
        var text = text
        guard let value = text.withUTF8({ Self.parse($0) }) else { return nil }
        self = value
    }

    /// The exact value of `decimal` when it has at most 12 places and fits.
    package init?(_ decimal: Decimal) {
        guard decimal.isFinite, decimal == decimal.rounded(Self.places) else { return nil }
        self.init(DecimalText.format(decimal))
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ScaledValue? {
        var index = 0
        let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var whole: Int128 = 0, integerDigits = 0
        while index < bytes.count, bytes[index] &- 48 < 10 {
            if whole != 0 || bytes[index] != 48 { integerDigits += 1 }
            guard integerDigits <= 26 else { return nil }
            whole = whole * 10 + Int128(bytes[index] &- 48)
            index += 1
        }
        let sawInteger = index > (negative ? 1 : 0)
        var fraction: Int128 = 0, fractionDigits = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            var end = index
            while end < bytes.count, bytes[end] &- 48 < 10 { end += 1 }
            guard end > start, end == bytes.count else { return nil }
            var last = end
            while last > start, bytes[last - 1] == 48 { last -= 1 }
            guard last - start <= places else { return nil }
            for position in start..<last { fraction = fraction * 10 + Int128(bytes[position] &- 48) }
            fractionDigits = last - start
            index = end
        }
        guard sawInteger, index == bytes.count else { return nil }
        for _ in fractionDigits..<places { fraction *= 10 }
        let units = whole * unit + fraction
        return ScaledValue(units: negative ? -units : units)
    }

    /// The sum, or nil when it would not fit.
    package func adding(_ other: ScaledValue) -> ScaledValue? {
        let (sum, overflow) = units.addingReportingOverflow(other.units)
        return overflow ? nil : ScaledValue(units: sum)
    }

    /// Plain decimal text without trailing zeros (`-12.5`, `0`), as `DecimalText.format` writes the same value.
    package var text: String {
        // Digits are written from the last place up into a fixed buffer (this runs for every rollup row written), in
        // 64-bit arithmetic: one 128-bit division splits the whole part from the 12 places.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
            var position = 48
            func put(_ byte: UInt8) {
                position -= 1
                buffer[position] = byte
            }
            let magnitude = units.magnitude, unit = UInt128(Self.unit)
            var fraction = UInt64(magnitude % unit)
            if fraction != 0 {
                var digits = Self.places
                while fraction % 10 == 0 {
                    fraction /= 10
                    digits -= 1
                }
                for _ in 0..<digits {
                    put(48 + UInt8(fraction % 10))
                    fraction /= 10
                }
                put(UInt8(ascii: "."))
            }
            var whole = magnitude / unit
            while whole > UInt128(UInt64.max) {
                put(48 + UInt8(whole % 10))
                whole /= 10
            }
            var small = UInt64(whole)
            repeat {
                put(48 + UInt8(small % 10))
                small /= 10
            } while small != 0
            if units < 0 { put(UInt8(ascii: "-")) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[position...]), as: UTF8.self)
        }
    }

    /// The same value as a `Decimal`.
    package var decimal: Decimal {
        DecimalText.parse(text) ?? 0
    }

    package static func < (lhs: ScaledValue, rhs: ScaledValue) -> Bool {
        lhs.units < rhs.units
    }
}
