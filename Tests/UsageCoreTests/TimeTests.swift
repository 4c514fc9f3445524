import Foundation
import Testing
import UsageCore

@Suite("UTC calendar arithmetic and ISO-8601")
struct TimeTests {
    @Test(arguments: [
        ("2026-11-01", "2026-11-01T00:00:00Z"), ("2026-11-01T10:20Z", "2026-11-01T10:20:00Z"),
        ("2026-11-01T10:20:30.250Z", "2026-11-01T10:20:30.250Z"), ("2026-11-01T01:00:00+02:00", "2026-10-31T23:00:00Z"),
        ("2024-02-29T23:59:59-00:30", "2024-03-01T00:29:59Z"), ("2026-11-01 10:20:30", "2026-11-01T10:20:30Z"),
    ])
    func parsesAndFormats(input: String, expected: String) throws {
        let date = try #require(ISO8601Parser.parse(input))
        #expect(UTCTime.iso(date) == expected)
    }

    @Test(arguments: [
        "2026-13-01", "2026-02-30", "2025-02-29", "2026-11-01T24:00", "2026-11-01T10:00Zjunk", "11/01/2026", "",
    ])
    func rejectsInvalidDates(input: String) {
        #expect(ISO8601Parser.parse(input) == nil)
    }

    @Test func unixSecondsAreAcceptedAsNumbersOrText() {
        #expect(ISO8601Parser.parseTimestamp(.number("1767225600")).map(UTCTime.iso) == "2026-01-01T00:00:00Z")
        #expect(ISO8601Parser.parseTimestamp(.string("1767225600.5")).map(UTCTime.iso) == "2026-01-01T00:00:00.500Z")
        #expect(ISO8601Parser.parseTimestamp(.bool(true)) == nil)
    }

    @Test func monthArithmeticCrossesYears() throws {
        let date = try #require(ISO8601Parser.parse("2026-12-15T08:00:00Z"))
        #expect(UTCTime.iso(UTCTime.addingMonths(1, to: date)) == "2027-01-01T00:00:00Z")
        #expect(UTCTime.iso(UTCTime.addingMonths(-12, to: date)) == "2025-12-01T00:00:00Z")
        #expect(UTCTime.iso(UTCTime.startOfMonth(date)) == "2026-12-01T00:00:00Z")
    }

    @Test func presetsAreWholeUTCDays() throws {
        let now = try #require(ISO8601Parser.parse("2026-03-01T05:00:00Z"))
        #expect(PeriodPreset.today.resolve(now: now) == period("2026-03-01", "2026-03-02"))
        #expect(PeriodPreset.last7Days.resolve(now: now) == period("2026-02-23", "2026-03-02"))
        #expect(PeriodPreset.last30Days.resolve(now: now) == period("2026-01-31", "2026-03-02"))
        #expect(PeriodPreset.thisMonth.resolve(now: now) == period("2026-03-01", "2026-04-01"))
        #expect(PeriodPreset.lastMonth.resolve(now: now) == period("2026-02-01", "2026-03-01"))
    }

    @Test func bucketStartsCoverThePeriodAlignedToUTC() throws {
        let p = period("2026-01-30", "2026-03-02")
        #expect(try Bucket.month.starts(in: p).map(UTCTime.day) == ["2026-01-01", "2026-02-01", "2026-03-01"])
        #expect(try Bucket.day.starts(in: p).count == 31)
        #expect(try Bucket.hour.starts(in: period("2026-01-01", "2026-01-02")).count == 24)
        #expect(try Bucket.hour.starts(in: period("2026-01-01", "2037-05-29T16:00:00Z")).count == 100_000)
        #expect(
            throws: UsageError(
                .invalidInput,
                "this period has more than 100,000 hours, the most one series may have: choose a larger bucket or a shorter period"
            )
        ) {
            try Bucket.hour.starts(in: period("2026-01-01", "2037-05-29T16:00:01Z"))
        }
    }

    private func period(_ start: String, _ end: String) -> Period {
        Period(start: ISO8601Parser.parse(start)!, end: ISO8601Parser.parse(end)!)
    }
}
