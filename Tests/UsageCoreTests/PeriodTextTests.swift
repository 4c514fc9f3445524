import Foundation
import Testing
import UsageCore

@Suite struct PeriodTextTests {
    /// 2026-11-28 09:45 UTC, a Saturday.
    static let now = ISO8601Parser.parse("2026-11-28T09:45:00Z")!

    static func period(_ start: String, _ end: String) -> Period {
        Period(start: ISO8601Parser.parse(start)!, end: ISO8601Parser.parse(end)!)
    }

    static func parse(_ text: String) throws -> PeriodChoice { try PeriodText.parse(text, now: now) }

    @Test func presetsByNameOrLabel() throws {
        #expect(try Self.parse("this-month") == .preset(.thisMonth))
        #expect(try Self.parse(" Last 7 days ") == .preset(.last7Days))
        #expect(try Self.parse("yesterday").resolve(now: Self.now) == Self.period("2026-11-27", "2026-11-28"))
    }

    /// Weeks start on Monday (2026-11-23), quarters in January, April, July and October; each comparison is the
    /// period before, cut to the same elapsed time while this one is under way.
    @Test func weeksQuartersAndTheYearToDateInPeoplesWords() throws {
        #expect(try Self.parse("this week").resolve(now: Self.now) == Self.period("2026-11-23", "2026-11-30"))
        #expect(try Self.parse("Last Week").resolve(now: Self.now) == Self.period("2026-11-16", "2026-11-23"))
        #expect(try Self.parse("last-quarter").resolve(now: Self.now) == Self.period("2026-07-01", "2026-10-01"))
        #expect(try Self.parse("ytd").resolve(now: Self.now) == Self.period("2026-01-01", "2026-11-29"))
        #expect(PeriodPreset.lastWeek.previous(now: Self.now) == Self.period("2026-11-09", "2026-11-16"))
        #expect(PeriodPreset.lastQuarter.previous(now: Self.now) == Self.period("2026-04-01", "2026-07-01"))
        #expect(
            PeriodPreset.yearToDate.previous(now: Self.now)
                == Self.period("2025-01-01", "2025-11-28T09:45:00Z"), "the same stretch of last year")
        let monday = ISO8601Parser.parse("2026-11-23T00:00:00Z")!, sunday = ISO8601Parser.parse("2026-11-29T23:59:00Z")!
        for day in [monday, sunday] {
            #expect(PeriodPreset.thisWeek.resolve(now: day) == Self.period("2026-11-23", "2026-11-30"))
        }
        #expect(
            PeriodPreset.thisWeek.resolve(now: sunday, weekStart: .sunday) == Self.period("2026-11-29", "2026-12-06"))
        #expect(
            PeriodPreset.lastWeek.resolve(now: monday, weekStart: .sunday) == Self.period("2026-11-15", "2026-11-22"))
        let january = ISO8601Parser.parse("2027-01-05T00:00:00Z")!
        #expect(PeriodPreset.lastQuarter.resolve(now: january) == Self.period("2026-10-01", "2027-01-01"))
        #expect(
            try PeriodText.parse("last-quarter", now: january).shifted(by: -1, now: january).resolve(now: january)
                == Self.period("2026-07-01", "2026-10-01"), "[ moves a quarter")
    }

    /// Every week start, every day of four weeks and every hour of it, against Foundation's own calendar set to UTC
    /// with that first weekday.
    @Test(arguments: WeekStart.allCases)
    func aWeekStartsOnItsDayAsTheCalendarSays(start: WeekStart) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        calendar.firstWeekday = (WeekStart.allCases.firstIndex(of: start)! + 1) % 7 + 1  // Sunday is 1
        let first = ISO8601Parser.parse("2026-12-28T00:00:00Z")!
        for hour in stride(from: 0, to: 28 * 24, by: 5) {
            let now = first.addingTimeInterval(Double(hour) * 3_600)
            let expected = try #require(calendar.dateInterval(of: .weekOfYear, for: now))
            #expect(start.start(ofWeekHolding: now) == expected.start, "\(start) at \(now)")
            let week = PeriodPreset.thisWeek.resolve(now: now, weekStart: start)
            #expect(week == Period(start: expected.start, end: expected.end))
            let day = Int((now.timeIntervalSince1970 / 86_400).rounded(.down))
            #expect(start.startsWeek(day: day, every: 1) == (UTCTime.startOfDay(now) == expected.start))
        }
    }

    @Test func trailingHoursDaysAndWeeksMoveWithTheClock() throws {
        #expect(try Self.parse("-7d") == .preset(.last7Days), "a trailing period that a preset names is the preset")
        #expect(try Self.parse("-24h") == .preset(.last24Hours))
        let hours = try Self.parse("-36h")
        #expect(
            hours == .trailing(count: 36, unit: .hours) && hours.label == "last 36 hours" && hours.argument == "-36h")
        #expect(hours.resolve(now: Self.now) == Self.period("2026-11-26T22:00:00Z", "2026-11-28T10:00:00Z"))
        #expect(try Self.parse("2w") == .trailing(count: 14, unit: .days))
        #expect(try Self.parse("last-10d").resolve(now: Self.now) == Self.period("2026-11-19", "2026-11-29"))
        let later = Self.now.addingTimeInterval(86_400)
        #expect(try Self.parse("-10d").resolve(now: later) == Self.period("2026-11-20", "2026-11-30"))
    }

    @Test func rangesIncludeADateOnlyEndAndExcludeATime() throws {
        #expect(try Self.parse("2026-11-01..2026-11-08") == .fixed(Self.period("2026-11-01", "2026-11-09")))
        #expect(
            try Self.parse("2026-11-01T10:00Z..2026-11-01T12:30Z")
                == .fixed(Self.period("2026-11-01T10:00:00Z", "2026-11-01T12:30:00Z")))
        #expect(try Self.parse("2026-09..2026-10") == .fixed(Self.period("2026-09-01", "2026-11-01")))
        #expect(
            try Self.parse("2026-11-20..") == .fixed(Self.period("2026-11-20", "2026-11-29")),
            "an open end is today's end")
        #expect(try Self.parse("2026-11") == .fixed(Self.period("2026-11-01", "2026-12-01")))
        #expect(try Self.parse("2026-11-05") == .fixed(Self.period("2026-11-05", "2026-11-06")))
    }

    @Test(arguments: [
        "", "soon", "2026-13-01", "2026-11-08..2026-11-01", "2026-11-01T10:00Z", "-0d", "-99999d", "x..2026-11-01",
        "2026-11-01..\u{1B}[31m",
    ])
    func refusedWithTheFormsAccepted(_ text: String) {
        var message = ""
        do {
            let choice = try Self.parse(text)
            Issue.record("'\(text)' was read as \(choice)")
        } catch {
            message = (error as? UsageError)?.message ?? "\(error)"
        }
        #expect(
            message.contains("is not a period") && message.contains("2026-11-01..2026-11-08")
                && !message.contains("\u{1B}"))
    }

    @Test func argumentsReadBackAsTheSamePeriod() throws {
        for text in [
            "2026-11", "2026-11-05", "2026-11-01..2026-11-08", "2026-11-01T10:00:00Z..2026-11-01T12:30:00Z", "-36h",
            "last-month",
        ] {
            let choice = try Self.parse(text)
            #expect(try Self.parse(choice.argument) == choice, "\(text) → \(choice.argument)")
        }
    }

    @Test func shiftingMovesByTheOwnLengthAndComesBackToThePreset() {
        let month = PeriodChoice.preset(.thisMonth)
        #expect(month.shifted(by: -1, now: Self.now) == .preset(.lastMonth))
        #expect(
            month.shifted(by: -2, now: Self.now) == .fixed(Self.period("2026-09-01", "2026-10-01")),
            "months move by months")
        let week = PeriodChoice.preset(.last7Days).shifted(by: -1, now: Self.now)
        #expect(week == .fixed(Self.period("2026-11-15", "2026-11-22")))
        #expect(
            week.shifted(by: 1, now: Self.now) == .preset(.last7Days), "back and forward returns to the live preset")
        #expect(PeriodChoice.preset(.today).shifted(by: -1, now: Self.now) == .preset(.yesterday))
        let range = PeriodChoice.fixed(Self.period("2026-11-01", "2026-11-04"))
        #expect(range.shifted(by: 1, now: Self.now) == .fixed(Self.period("2026-11-04", "2026-11-07")))
    }

    @Test func aTypedPeriodComparesWithTheSameLengthBefore() {
        let range = PeriodChoice.fixed(Self.period("2026-11-20", "2026-11-30"))
        #expect(
            range.previous(now: Self.now) == Self.period("2026-11-10", "2026-11-18T09:45:00Z"),
            "under way: cut to the same elapsed time")
        let finished = PeriodChoice.fixed(Self.period("2026-10-01", "2026-10-11"))
        #expect(finished.previous(now: Self.now) == Self.period("2026-09-21", "2026-10-01"))
        #expect(PeriodChoice.trailing(count: 36, unit: .hours).naturalBucket(now: Self.now) == .hour)
        #expect(PeriodChoice.fixed(Self.period("2025-01-01", "2026-11-01")).naturalBucket(now: Self.now) == .month)
    }
}
