import Foundation
import Testing
import UsageCore

/// Daily values are stored as small integers sharing an exponent where they fit; they must read back exactly.
@Suite("Daily values read back exactly whatever their storage")
struct DailyValuesTests {
    @Test(
        arguments: [
            ([0, 1, 2, 32_767], 0), ([0, 40_000, -7], 0), ([5_000_000_000, 1], 0), ([12_500, 1, 0], 3),
            ([1_000_000_000_000, 1_500_000_000_000], 12), ([Int128(Int64.max) * 1000, 1], 2), ([], 12),
        ] as [([Int128], Int)])
    func unitsReadBackAsDecimals(units: [Int128], scale: Int) {
        let values = DailyValues(units: units, scale: scale)
        let expected = units.map { DecimalText.parse("\($0)e-\(scale)")! }
        #expect(Array(values) == expected)
        #expect(values == DailyValues(expected), "equal to the same values held as decimals")
        #expect(values.hashValue == DailyValues(expected).hashValue)
        #expect(
            zip(values.doubles, expected.map(DecimalText.double)).allSatisfy { abs($0 - $1) <= abs($1) * 1e-12 },
            "the doubles a sparkline draws are the values'")
    }
}
