import Foundation
import Testing
import UsageCore

@Suite struct ComparisonTests {
    static func date(_ text: String) -> Date { ISO8601Parser.parse(text)! }
    static func period(_ start: String, _ end: String) -> Period { Period(start: date(start), end: date(end)) }

    @Test func theSameStretchAMonthOrAYearBefore() {
        let now = Self.date("2026-12-07T03:08:30Z")
        let thisMonth = PeriodChoice.preset(.thisMonth)
        #expect(
            Comparison.lastMonth.period(of: thisMonth, now: now)
                == Self.period("2026-11-01T00:00:00Z", "2026-11-07T03:08:00Z"), "under way: the same elapsed part")
        #expect(
            Comparison.lastYear.period(of: .preset(.lastMonth), now: now)
                == Self.period("2025-11-01T00:00:00Z", "2025-12-01T00:00:00Z"))
        #expect(
            Comparison.previous.period(of: .preset(.lastWeek), now: now)
                == Self.period("2026-11-23T00:00:00Z", "2026-11-30T00:00:00Z"))
        let march = PeriodChoice.fixed(Self.period("2026-03-31T00:00:00Z", "2026-04-01T00:00:00Z"))
        #expect(
            Comparison.lastMonth.period(of: march, now: now)
                == Self.period("2026-02-28T00:00:00Z", "2026-03-01T00:00:00Z"),
            "March 31 a month before is February 28")
    }

    @Test func aChangeReadsWithItsShareOfWhatItWas() {
        let plain = { (value: Decimal) in "\(value)" }
        #expect(Comparison.text(12, previous: 34, value: plain) == "+12 (+35%)")
        #expect(Comparison.text(-3, previous: 15, value: plain) == "-3 (-20%)")
        #expect(Comparison.text(5, previous: 0, value: plain) == "+5 (new)")
        #expect(Comparison.text(0, previous: 7, value: plain) == "0")
    }
}
