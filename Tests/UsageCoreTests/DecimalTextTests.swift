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

    @Test func groupsThousands() {
        #expect(DecimalText.grouped(Decimal(string: "1234567.891")!, fractionDigits: 2) == "1,234,567.89")
        #expect(DecimalText.grouped(Decimal(string: "-999")!, fractionDigits: 0) == "-999")
        #expect(DecimalText.compact(Decimal(12_345)) == "12.3k")
        #expect(DecimalText.compact(Decimal(950)) == "950")
    }
}
