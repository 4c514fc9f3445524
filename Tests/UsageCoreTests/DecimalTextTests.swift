import Foundation
import Testing
import UsageCore

@Suite("Decimal text")
struct DecimalTextTests {
    @Test(arguments: [("12.50", "12.5"), ("-0.001", "-0.001"), ("1e3", "1000"), ("  7 ", "7"), ("0", "0")])
    func parsesExactly(input: String, expected: String) throws {
        #expect(DecimalText.format(try #require(DecimalText.parse(input))) == expected)
    }

    @Test(arguments: ["", "abc", "NaN", "inf", "1,5", "--1", "1.2.3x", "0x10"])
    func rejectsNonNumbers(input: String) {
        #expect(DecimalText.parse(input) == nil)
    }

    @Test func parsingAgreesWithFoundationOnEdgeAndRandomInputs() throws {
        var inputs = [
            "0.1", "-.5", "5.", "1E-3", "+3", "0.000", "000120", "1.2e+5", "-0", "12345678901234567890.123456789",
            "99999999999999999999999999999999999999", "0.00000000000000000000000000001", "7e-20",
        ]
        var seed: UInt64 = 42
        for _ in 0..<300 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1
            let whole = seed % 10_000_000_000, fraction = (seed >> 20) % 1_000_000
            inputs.append(
                "\(seed % 2 == 0 ? "-" : "")\(whole).\(String(fraction).padding(toLength: 6, withPad: "0", startingAt: 0))"
            )
        }
        for input in inputs {
            let ours = try #require(DecimalText.parse(input), "\(input)")
            #expect(ours == Decimal(string: input, locale: Locale(identifier: "en_US_POSIX")), "\(input)")
        }
        #expect(DecimalText.parse("1e") == nil && DecimalText.parse(".") == nil && DecimalText.parse("-") == nil)
        #expect(DecimalText.parse("1 2") == nil && DecimalText.parse("e5") == nil)
    }

    @Test func groupsThousands() {
        #expect(DecimalText.grouped(Decimal(string: "1234567.891")!, fractionDigits: 2) == "1,234,567.89")
        #expect(DecimalText.grouped(Decimal(string: "-999")!, fractionDigits: 0) == "-999")
        #expect(DecimalText.compact(Decimal(12_345)) == "12.3k")
        #expect(DecimalText.compact(Decimal(950)) == "950")
    }

    @Test func decimalPointsLineUpAndGroupingKeepsEveryDigit() {
        let texts = ["191", "9,039.67", "718.5", "248.3686"].map { DecimalText.aligned($0, decimals: 4) }
        #expect(texts == ["191     ", "9,039.67  ", "718.5   ", "248.3686"])
        #expect(DecimalText.aligned("12", decimals: 0) == "12")
        #expect(
            DecimalText.grouping("-1234567.25") == "-1,234,567.25"
                && DecimalText.grouping("0.0000000001") == "0.0000000001")
        #expect(DecimalText.grouping("n/a") == "n/a" && DecimalText.decimals(of: "1,234.567") == 3)
    }
}
