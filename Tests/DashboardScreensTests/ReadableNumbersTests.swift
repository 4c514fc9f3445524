@testable import DashboardScreens
import Foundation
import TermUI
import Testing
import UsageCore
import UsageViewModel

/// Numbers a person can read: durations and sizes humanised, decimal points in line, time axes with a constant
/// step and the date where the day changes.
@Suite("Readable numbers and time axes")
struct ReadableNumbersTests {
    @Test(
        arguments: [
            ("9039.67", "s", "2h 30m 39s"), ("59", "s", nil), ("90061", "seconds", "1d 1h"), ("3600", "s", "1h"),
            ("125000", "ms", "2m 5s"), ("0.0005", "GB", "500 KB"), ("12345", "GB", "12.3 TB"), ("248.3686", "GB", nil),
            ("1500000", "bytes", "1.5 MB"), ("42", "calls", nil), ("-120", "s", nil),
        ] as [(String, String, String?)])
    func durationsAndSizesAsPeopleReadThem(value: String, unit: String, expected: String?) {
        #expect(HumanUnits.text(Decimal(string: value)!, unit: unit) == expected)
    }

    static func series(hours: Int, from start: String) -> TimeSeries {
        let first = ISO8601Parser.parse(start)!
        let points = (0..<hours).map { TimeSeries.Point(start: first.addingTimeInterval(Double($0) * 3_600), value: 1) }
        return TimeSeries(metricCode: "m", bucket: .hour, points: points, total: Decimal(hours))
    }

    @Test func hourlyTicksAreEvenlySpacedAndDateTheDayChange() {
        let series = Self.series(hours: 48, from: "2026-11-21T13:00:00Z")
        let ticks = ChartTicks.ticks(series, plotWidth: 70)
        let gaps = Set(zip(ticks.dropFirst(), ticks).map { $0.index - $1.index })
        #expect(gaps.count == 1, "a constant step: \(ticks)")
        let midnights = ticks.filter { UTCTime.fields(series.points[$0.index].start).hour == 0 }
        #expect(midnights.map(\.label) == ["11-22", "11-23"])
        #expect(ticks.allSatisfy { $0.label.hasSuffix("h") || $0.label.count == 5 })
    }

    @Test func aChartWithinOneDayDatesItsFirstTick() {
        let ticks = ChartTicks.ticks(Self.series(hours: 8, from: "2026-11-21T09:00:00Z"), plotWidth: 70)
        #expect(ticks.first?.label == "11-21 10h", "the first round hour, dated")
    }

    @Test func ticksNeverOverlapOnANarrowChart() {
        let series = Self.series(hours: 24 * 7, from: "2026-11-16T00:00:00Z")
        let ticks = ChartTicks.ticks(series, plotWidth: 50)
        let columns = ticks.map { (x: $0.index * 50 / series.points.count, width: $0.label.count) }
        #expect(zip(columns.dropFirst(), columns).allSatisfy { $0.x > $1.x + $1.width }, "\(ticks)")
        #expect(ticks.allSatisfy { $0.label.count == 5 }, "only midnights at this density: \(ticks)")
    }

    @Test func theHourUnderWayIsDimmedAndHoursToComeHaveADottedAxis() {
        let series = Self.series(hours: 6, from: "2026-11-21T08:00:00Z")
        let now = ISO8601Parser.parse("2026-11-21T11:30:00Z")!
        var buffer = Buffer(width: 40, height: 8)
        let options = RenderOptions(plotMode: .block)
        TimeseriesView.bars(
            series, unit: nil, cursor: nil, now: now, options: options, area: buffer.area, buffer: &buffer)
        let plot = (x: 3, width: 37)
        func column(_ bucket: Int) -> Int { plot.x + (bucket * plot.width + plot.width / 2) / 6 }
        #expect(buffer[column(3), 5].style == options.theme.text(.muted), "11:00, under way, is dimmed")
        #expect(buffer[column(2), 5].style == options.theme.text(.chart), "10:00 is a whole hour")
        #expect(buffer[column(4), 5].symbol == " " && buffer[column(4), 6].symbol == "┈", "12:00 is still to come")
        #expect(
            TimeseriesView.readout(
                metric: Metric(code: "m", name: "M", aggregation: .count), cursor: 3, series: series,
                eventsKey: false, now: now)?.contains("· 1 so far") == true)
    }
}

/// A wide customers table shows other metrics' totals side by side, from the provider's bulk totals.
@Suite("Golden screens: more metrics side by side")
struct SideMetricsTests {
    @Test func aWideTableShowsTheNextMetricsBesideTheChosenOne() async throws {
        let h = try await ScreenHarness(width: 180, height: 24, build: ScreenHarness.demo)
        let side = h.state.sideMetrics
        #expect(side.count == Layout.sideMetricCount(width: 180, metrics: h.state.metrics.count) && side.count >= 2)
        let frame = h.frame()
        Snapshot.assert(frame, named: "customers-side-by-side-180x24")
        let compute = try #require(side.first { $0.code == "compute_seconds" } ?? side.first)
        let row = try #require(h.state.customers.selectedRow)
        let value = try #require(h.state.customers.sideTotals[compute.code]?[row.summary.customer.id])
        // One unit per column, from its largest total: hours here, named once in the title.
        let text = DecimalText.grouped(value / 3_600, fractionDigits: 2)
        #expect(frame.line(3).contains("Compute time (h)"), "\(frame.line(3))")
        #expect(
            frame.line(4).contains(" \(text) "),
            "the selected customer's \(compute.code) beside its \(h.state.metric?.code ?? "")")
    }

    /// One of a thing is singular (`1 call`, `-1 call`, `1 event`); symbols and non-plural words stay as they are.
    @Test func oneIsSingular() {
        #expect(Format.value(1, unit: "calls") == "1 call" && Format.value(-1, unit: "calls") == "-1 call")
        #expect(Format.value(2, unit: "calls") == "2 calls" && Format.value(1.5, unit: "calls") == "1.5 calls")
        #expect(Format.count(1, "events") == "1 event" && Format.count(0, "events") == "0 events")
        #expect(
            Format.noun("s", for: 1) == "s" && Format.noun("GB", for: 1) == "GB" && Format.noun("ms", for: 1) == "ms")
        #expect(Format.noun("access", for: 1) == "access")
    }

    /// A size column takes one unit from its largest value: 1,127.39 GB at the top makes the column TB, so 948.66
    /// GB below it reads 0.95; a column already in range, or of another unit, stays as it is.
    @Test func aSizeColumnTakesOneUnitFromItsLargestValue() {
        let tera = HumanUnits.columnScale(largest: Decimal(string: "1127.39")!, unit: "GB")
        #expect(tera?.unit == "TB" && tera?.divisor == 1_000)
        #expect(DecimalText.grouped(Decimal(string: "948.66")! / (tera?.divisor ?? 1), fractionDigits: 2) == "0.95")
        #expect(HumanUnits.columnScale(largest: 948, unit: "GB") == nil)
        let mega = HumanUnits.columnScale(largest: Decimal(string: "0.5")!, unit: "GB")
        #expect(mega?.unit == "MB" && mega?.divisor == Decimal(string: "0.001"))
        #expect(HumanUnits.columnScale(largest: 5_000, unit: "calls") == nil)
        #expect(HumanUnits.columnScale(largest: 11_597, unit: "s")! == ("h", 3_600), "3.22 h, not 3h 13m beside 45s")
        #expect(HumanUnits.columnScale(largest: 300, unit: "s")! == ("min", 60))
        #expect(HumanUnits.columnScale(largest: 90, unit: "s") == nil, "seconds are the column's own unit")
        #expect(HumanUnits.columnScale(largest: 400_000, unit: "s")! == ("d", 86_400))
        #expect(HumanUnits.columnScale(largest: 5_000, unit: "ms")! == ("s", 1_000))
        #expect(HumanUnits.columnScale(largest: 5_000, unit: nil) == nil)
    }
}
