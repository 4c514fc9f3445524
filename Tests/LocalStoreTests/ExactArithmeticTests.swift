import Foundation
import StoreCore
import Testing
import UsageCore

@testable import LocalStore

/// The integer arithmetic ingest and the store's SQL sums use instead of `Decimal`, checked against `Decimal` itself.
@Suite("Exact arithmetic on scaled units")
struct ExactArithmeticTests {
    @Test(arguments: [
        ("-12.50", "-12.5"), ("3", "3"), ("0.001", "0.001"), ("000.5", "0.5"), ("-0", "0"),
        ("0.000000000001", "0.000000000001"),
        ("1.0000000000000", "1"), ("999999999999999999.999999999999", "999999999999999999.999999999999"),
        ("12345678901234567890123456", "12345678901234567890123456"),
    ])
    func readsPlainTextExactly(text: String, expected: String) {
        #expect(ScaledValue(text)?.text == expected)
        #expect(ScaledValue(text)?.decimal == DecimalText.parse(text))
    }

    @Test(arguments: [
        "0.0000000000001", "1e3", "+1", " 1", ".5", "1.", "-", "", "1.2.3", "0x10", "123456789012345678901234567",
    ])
    func leavesEveryOtherFormToDecimal(text: String) {
        #expect(ScaledValue(text) == nil)
    }

    @Test func sumsAndMaximaMatchDecimalAcrossTheSwitchToDecimal() {
        var random = SeededRandom(seed: 0x5EED)
        var exact = ExactSum(), sum = Decimal(0), maximum: Decimal?
        #expect(exact.sumText == nil && exact.maxText == nil)
        for step in 0..<2_000 {
            // Ordinary values, then values near the limit so the integer sum overflows and `Decimal` takes over.
            let whole = step < 1_500 ? random.below(100_000) : random.below(Int.max / 2)
            let text =
                "\(random.below(3) == 0 ? "-" : "")\(whole)\(step < 1_500 ? "" : "00000000")."
                + "\(random.below(1_000_000))"
            exact.add(text: text)
            let value = DecimalText.parse(text)!
            sum += value
            maximum = max(maximum ?? value, value)
        }
        #expect(exact.sumText == DecimalText.format(sum))
        #expect(exact.maxText == DecimalText.format(maximum!))
    }

    @Test func anOverflowingAdditionIsRefused() {
        let large = ScaledValue(units: .max - 1)
        #expect(large.adding(ScaledValue(units: 2)) == nil)
        #expect(large.adding(ScaledValue(units: -2))?.units == Int128.max - 3)
    }

    @Test func textOfCountsPastSixtyFourBitsPutsThePointTwelvePlacesFromTheEnd() {
        var random = SeededRandom(seed: 7)
        let extremes: [Int128] = [Int128.max, Int128.min + 1, 0, 1, -1, 1_000_000_000_000, -(Int128(UInt64.max) + 1)]
        let values =
            extremes + extremes.map { $0 / 1_000 }
            + (0..<2_000).map { _ in
                Int128(random.below(1 << 62)) * Int128(random.below(1 << 62)) * (random.below(2) == 0 ? 1 : -1)
            }
        for units in values {
            // The oracle: the count's own digits, a point before the last twelve, trailing zeros and point dropped.
            var digits = String(units.magnitude)
            if digits.count <= ScaledValue.places { digits = String(repeating: "0", count: 13 - digits.count) + digits }
            var fraction = String(digits.suffix(ScaledValue.places))
            while fraction.last == "0" { fraction.removeLast() }
            let expected =
                (units < 0 ? "-" : "") + digits.dropLast(ScaledValue.places) + (fraction.isEmpty ? "" : "." + fraction)
            #expect(ScaledValue(units: units).text == expected, "\(units)")
        }
    }

    @Test func textMatchesDecimalFormattingForRandomValues() {
        var random = SeededRandom(seed: 42)
        for _ in 0..<5_000 {
            let places = random.below(13)
            let text =
                "\(random.below(2) == 0 ? "-" : "")\(random.below(1_000_000_000))"
                + (places == 0 ? "" : "." + String((0..<places).map { _ in Character(String(random.below(10))) }))
            #expect(ScaledValue(text)?.text == DecimalText.format(DecimalText.parse(text)!), "\(text)")
        }
    }
}
