@testable import DashboardScreens
import Foundation
import KeyInput
import LocalStore
import TermUI
import Testing
import UsageCore
@testable import UsageViewModel

/// `c` compares in a customer's usage and on a chart too: each total's change, and the change of the bucket under
/// the cursor, against the same customer's numbers over the period compared with, read from the store.
@Suite("Golden screens: comparing a customer's usage and a chart with another period")
struct CompareScreenTests {
    /// This month so far at the harness's clock (2026-11-22 12:00) against the same stretch of October.
    static let october = Period(
        start: ISO8601Parser.parse("2026-10-01T00:00:00Z")!, end: ISO8601Parser.parse("2026-10-22T12:00:00Z")!)

    @Test(arguments: [(80, 24), (120, 40)])
    func eachTotalShowsItsChangeSinceTheSameStretchOfTheMonthBefore(width: Int, height: Int) async throws {
        var kept: UsageStore?
        var h = try await ScreenHarness(width: width, height: height) { store in
            try ScreenHarness.demo(store)
            kept = store
        }
        await h.press(.enter, .character("c"))
        let usage = try #require(h.state.stack.last?.usageState)
        let previous = try #require(usage.previous, "the usage of the period compared with loaded")
        let oracle = try await DataService(provider: LocalProvider(store: try #require(kept))).totals(
            customerID: usage.customerID, period: Self.october)
        let current = try #require(usage.usage?.totals)
        let calls = try #require(current.first { $0.metric.code == "api_calls" })
        let before = oracle.first { $0.metric.code == "api_calls" }?.value ?? 0
        let loaded: Decimal = previous.totals.first { $0.metric.code == "api_calls" }?.value ?? 0
        #expect(loaded == before)
        let text = h.frame().text
        #expect(text.contains("Δ vs last month"), "the column names what it compares with")
        let change = Comparison.text(calls.value - before, previous: before) { Format.value($0, unit: "calls") }
        #expect(text.contains(change), "API calls: \(change) since October's stretch")
        Snapshot.assert(h.frame(), named: "usage-compared-\(width)x\(height)")
    }

    @Test func theChartReadoutSetsTheBucketBesideTheOneAsFarIntoThePeriodBefore() async throws {
        var kept: UsageStore?
        var h = try await ScreenHarness(width: 120, height: 40) { store in
            try ScreenHarness.demo(store)
            kept = store
        }
        await h.press(.enter, .enter, .character("c"), .character("^"))
        let chart = try #require(h.state.stack.last?.seriesState)
        let series = try #require(chart.series)
        let index = try #require(chart.cursor)
        let oracle = try await DataService(provider: LocalProvider(store: try #require(kept))).timeseries(
            metric: chart.metric, customerID: chart.customerID, period: Self.october, bucket: .day)
        #expect(chart.previous?.points.map(\.value) == oracle.points.map(\.value))
        let before = oracle.points[index].value
        let change = Comparison.text(series.points[index].value - before, previous: before) {
            Format.value($0, unit: chart.metric.unit)
        }
        #expect(h.frame().text.contains("· \(change) vs last month"), "the peak day against October's same day")
        await h.press(.character("c"))
        #expect(h.state.comparison == .lastMonth)
        await h.press(.character("c"), .character("c"))
        #expect(h.state.comparison == nil && h.state.stack.last?.seriesState?.previous == nil)
        #expect(!h.frame().text.contains(" vs "), "no comparison: the readout says none")
    }

    /// At 80 columns the readout keeps the value, its cost and its change: the share and the key hint give way.
    @Test func aNarrowReadoutKeepsTheChange() async throws {
        var h = try await ScreenHarness(width: 80, height: 24, build: ScreenHarness.demo)
        await h.press(.enter, .enter, .character("c"), .character("^"))
        let line = h.frame().line(4)
        #expect(line.contains("vs last month") && !line.contains("e events"), "\(line)")
        #expect(!line.contains("vs last mont…") && !line.hasSuffix("…│"), "nothing cut: \(line)")
    }

    @Test func anotherPeriodAsksItsOwnComparisonAndDropsTheOld() async throws {
        var h = try await ScreenHarness(width: 120, height: 40, build: ScreenHarness.demo)
        await h.press(.enter, .character("c"))
        let first = try #require(h.state.stack.last?.usageState?.previous)
        var state = h.state
        let effects = state.reduce(.keyPressed(.character("[")))
        #expect(state.stack.last?.usageState?.previous == nil, "October's usage is not shown against last October")
        let asked = effects.compactMap { effect -> Period? in
            if case .load(_, .usage(_, let period, _)) = effect { return period }
            return nil
        }
        let september = Period(
            start: ISO8601Parser.parse("2026-09-01T00:00:00Z")!, end: ISO8601Parser.parse("2026-10-01T00:00:00Z")!)
        #expect(asked.contains(september), "last month, October, against September whole")
        await h.press(.character("["))
        #expect(h.state.stack.last?.usageState?.previous != first)
    }
}
