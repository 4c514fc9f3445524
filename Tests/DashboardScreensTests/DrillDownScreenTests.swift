@testable import DashboardScreens
import Foundation
import LocalStore
import TermUI
import Testing
import UsageCore
import UsageViewModel

/// From a spike to the events behind it: a chart cursor with its readout, and the events of the bucket under it.
@Suite("Golden screens: drilling down from a chart")
struct DrillDownScreenTests {
    static let sizes = [(80, 24), (120, 40), (200, 60)]

    @Test(arguments: sizes)
    func chartCursorOnThePeak(width: Int, height: Int) async throws {
        var h = try await ScreenHarness(width: width, height: height, build: ScreenHarness.demo)
        await h.press(.enter, .enter, .character("^"))
        Snapshot.assert(h.frame(), named: "timeseries-cursor-\(width)x\(height)")
    }

    @Test(arguments: sizes)
    func eventsOfTheBucketUnderTheCursor(width: Int, height: Int) async throws {
        var h = try await ScreenHarness(width: width, height: height, build: ScreenHarness.demo)
        await h.press(.enter, .enter, .character("^"), .character("e"))
        Snapshot.assert(h.frame(), named: "events-of-bucket-\(width)x\(height)")
    }
}

/// Which values of an event property made up the usage, and the events behind one of them.
@Suite("Golden screens: breakdown by property")
struct BreakdownScreenTests {
    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func breakdownOfAMetricByItsFirstProperty(width: Int, height: Int) async throws {
        var h = try await ScreenHarness(width: width, height: height, build: ScreenHarness.demo)
        await h.press(.enter, .character("B"))
        Snapshot.assert(h.frame(), named: "breakdown-\(width)x\(height)")
    }

    @Test func tabSplitsByTheNextPropertyAndEnterOpensTheEventsOfAValue() async throws {
        var h = try await ScreenHarness(width: 120, height: 40, build: ScreenHarness.demo)
        await h.press(.enter, .character("B"), .tab)
        guard case .breakdown(let split)? = h.state.stack.last else {
            Issue.record("expected the breakdown view")
            return
        }
        #expect(split.key == split.keys.dropFirst().first && split.rows?.isEmpty == false)
        await h.press(.enter)
        guard case .events(let events)? = h.state.stack.last, let page = events.page,
            let match = events.query.matches.first
        else {
            Issue.record("expected the events of the value")
            return
        }
        #expect(match.key == split.key)
        #expect(page.totalCount == split.rows?.first?.events, "the events behind the row are exactly its count")
    }
}

/// A click on a chart lands on the bucket drawn under the pointer.
@Suite("Golden screens: clicking a chart")
struct ChartClickTests {
    @Test(arguments: [(80, 24), (120, 40)])
    func aClickSelectsTheBucketDrawnThere(width: Int, height: Int) async throws {
        var h = try await ScreenHarness(width: width, height: height, build: ScreenHarness.demo)
        await h.press(.enter, .enter)
        guard case .timeseries(let chart)? = h.state.stack.last, let series = chart.series else {
            Issue.record("expected a chart")
            return
        }
        let plot = Layout.chartPlot(width: width, series: series, unit: chart.metric.unit)
        for x in stride(from: plot.x, to: plot.x + plot.width, by: 7) {
            await h.press(.click(x: x, y: height / 2))
            guard case .timeseries(let clicked)? = h.state.stack.last, let index = clicked.cursor else {
                Issue.record("no bucket selected at column \(x)")
                return
            }
            let frame = h.frame()
            let axis = (0..<height).first { frame.line($0).contains("▲") }
            let marker = axis.flatMap { y in Array(frame.line(y)).firstIndex(of: "▲") }
            #expect(
                marker.map {
                    $0 <= x
                        && Layout.chartBucket(atColumn: $0, width: width, series: series, unit: chart.metric.unit)
                            == index
                }
                    == true,
                "clicked column \(x): bucket \(index), marker at \(String(describing: marker)) → \(String(describing: marker.map { Layout.chartBucket(atColumn: $0, width: width, series: series, unit: chart.metric.unit) }))"
            )
        }
        await h.press(.doubleClick(x: plot.x, y: height / 2))
        guard case .events(let events)? = h.state.stack.last else {
            Issue.record("a double click opens the bucket's events")
            return
        }
        #expect(events.period?.start == series.points.first?.start)
    }
}

/// The chart panel under a customer's totals: `Tab` focuses it, the cursor finds the spike, `e` opens its events.
@Suite("Golden screens: the customer usage chart panel")
struct UsageChartPanelTests {
    @Test(arguments: [(80, 24), (120, 40)])
    func tabFocusesTheChartAndTheCaretFindsThePeak(width: Int, height: Int) async throws {
        var h = try await ScreenHarness(width: width, height: height, build: ScreenHarness.demo)
        await h.press(.enter, .tab, .character("^"))
        #expect(h.state.screenKind == .usageChart)
        Snapshot.assert(h.frame(), named: "usage-chart-panel-\(width)x\(height)")
    }

    @Test func eOpensTheEventsOfTheBucketAndDownChartsTheNextMetric() async throws {
        var h = try await ScreenHarness(width: 120, height: 40, build: ScreenHarness.demo)
        await h.press(.enter, .tab, .character("^"))
        guard case .customerUsage(let usage)? = h.state.stack.last, let (metric, series) = usage.selectedSeries,
            let index = usage.chartCursor
        else {
            Issue.record("expected the focused chart panel with a cursor")
            return
        }
        #expect(series.points[index].value == series.maximum)
        await h.press(.character("e"))
        guard case .events(let events)? = h.state.stack.last, let page = events.page else {
            Issue.record("expected the events of the bucket")
            return
        }
        #expect(events.metric.code == metric.code && events.period?.start == series.points[index].start)
        #expect(Decimal(page.totalCount) == series.maximum, "a count metric: the bucket's events are its value")
        await h.press(.escape, .down)
        guard case .customerUsage(let next)? = h.state.stack.last else { return }
        #expect(next.cursor.selected == 1 && next.chartCursor == nil && next.focus == .chart)
        await h.press(.backTab)
        #expect(h.state.screenKind == .customerUsage)
    }

    @Test func aClickInThePanelSelectsTheBucketDrawnThere() async throws {
        var h = try await ScreenHarness(width: 120, height: 40, build: ScreenHarness.demo)
        await h.press(.enter)
        guard case .customerUsage(let usage)? = h.state.stack.last, let (metric, series) = usage.selectedSeries else {
            return
        }
        let plot = Layout.chartPlot(width: 120, series: series, unit: metric.unit)
        await h.press(.click(x: plot.x + plot.width / 2, y: 32))
        guard case .customerUsage(let clicked)? = h.state.stack.last else { return }
        #expect(
            clicked.focus == .chart
                && clicked.chartCursor
                    == Layout.chartBucket(
                        atColumn: plot.x + plot.width / 2, width: 120, series: series, unit: metric.unit)
        )
    }
}

/// `@` in the events view moves to the event nearest a typed time, in either order, over every event of the period.
@Suite("Golden screens: jumping to a time in the events")
struct EventJumpTests {
    @Test(arguments: [true, false])
    func atMovesToTheEventNearestTheTime(newestFirst: Bool) async throws {
        var h = try await ScreenHarness(width: 120, height: 40, build: ScreenHarness.demo)
        await h.press(.enter, .character("e"))
        if !newestFirst { await h.press(.character("o")) }
        guard case .events(let start)? = h.state.stack.last, let total = start.page?.totalCount,
            total > 3 * start.pageSize
        else {
            Issue.record("expected several pages of events")
            return
        }
        await h.press(.end)
        guard case .events(let last)? = h.state.stack.last, let tail = last.page?.items, tail.count >= 2 else { return }
        let target = tail[tail.count / 2].timestamp
        await h.press(.home, .character("@"))
        await h.type(UTCTime.iso(target))
        await h.press(.enter)
        guard case .events(let jumped)? = h.state.stack.last, let page = jumped.page else {
            Issue.record("expected the events view")
            return
        }
        let event = page.items[jumped.cursor.selected]
        #expect(jumped.pageIndex == last.pageIndex, "the page that holds the time")
        #expect(event.timestamp == target, "the event at the time is selected")
        if newestFirst {
            #expect(page.items[..<jumped.cursor.selected].allSatisfy { $0.timestamp > target })
        } else {
            #expect(page.items[..<jumped.cursor.selected].allSatisfy { $0.timestamp < target })
        }
        #expect(h.state.message?.text.hasPrefix("at ") == true)
    }

    @Test func aTimeOutsideThePeriodIsRefusedWithTheSpan() async throws {
        var h = try await ScreenHarness(width: 120, height: 40, build: ScreenHarness.demo)
        await h.press(.enter, .character("e"), .character("@"))
        await h.type("2020-01-01")
        await h.press(.enter)
        #expect(h.state.message?.text.contains("is outside 2026-11-01 → 2026-11-30") == true)
    }
}
