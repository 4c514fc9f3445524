import Foundation
import Testing
import UsageCore
@testable import UsageViewModel

@Suite("Reducer: customer usage, timeseries and events views")
struct DetailReducerTests {
    /// Opens the selected customer and answers its usage load.
    static func onUsage() -> AppState {
        var state = Fixtures.loaded()
        let effects = state.reduce(.keyPressed(.enter))
        guard case .load(let id, .usage(let customerID, _, .day)) = effects.last else {
            fatalError("expected loadUsage")
        }
        _ = state.reduce(.answered(id, .usage(.success(Fixtures.usage(customerID)))))
        return state
    }

    /// `:metric` within a customer charts that metric for the customer, over its usage; it never drops back to
    /// the customers list.
    @Test func theMetricCommandKeepsTheCustomer() {
        var state = Self.onUsage()
        let customer = state.top?.usageState?.customerID
        let code = Fixtures.metrics[1].code
        _ = state.reduce(.keyPressed(.character(":")))
        _ = state.reduce(.keyPressed(.text("metric \(code)")))
        let effects = state.reduce(.keyPressed(.enter))
        #expect(state.top?.seriesState?.customerID == customer && state.top?.seriesState?.metric.code == code)
        #expect(state.stack.count == 2, "the chart over the customer's usage")
        guard case .load(_, .timeseries(let metric, customer, _, _))? = effects.last else {
            Issue.record("the customer's chart of the metric: \(effects)")
            return
        }
        #expect(metric.code == code)
    }

    @Test func periodAndBucketSwitchReloadUsage() {
        var state = Self.onUsage()
        #expect(state.reduce(.keyPressed(.character("b"))).isEmpty, "only days fit a month: nothing to switch to")
        #expect(state.bucket == .day && state.message?.text == "only daily buckets fit this month")
        _ = state.reduce(.keyPressed(.character("[")))
        #expect(state.period == .preset(.lastMonth))
        _ = state.reduce(.keyPressed(.character("p")))
        for _ in 0..<3 { _ = state.reduce(.keyPressed(.up)) }
        _ = state.reduce(.keyPressed(.enter))
        #expect(state.period == .preset(.last7Days) && state.overlay == nil)
        let effects = state.reduce(.keyPressed(.character("b")))
        guard case .load(_, .usage(_, _, .hour)) = effects.last else {
            Issue.record("expected an hourly reload, got \(effects)")
            return
        }
        #expect(state.isLoading)
    }

    @Test func enterShowsTheEventAndKeysScrollAndClose() {
        var state = Self.onUsage()
        let id = Fixtures.request(state.reduce(.keyPressed(.character("e"))))!
        _ = state.reduce(.answered(id, .events(.success(Fixtures.events(page: 0, size: 10, total: 3)))))
        _ = state.reduce(.keyPressed(.down))
        _ = state.reduce(.keyPressed(.enter))
        guard case .eventDetail(let lines, let title, 0) = state.overlay else {
            Issue.record("expected the event overlay")
            return
        }
        #expect(title == "Event tx1")
        #expect(lines.contains(#"    "k": 1"#))
        #expect(lines.first == "{" && lines.last == "}")
        _ = state.reduce(.keyPressed(.escape))
        #expect(state.overlay == nil)
        #expect(state.screenKind == .events, "Esc closes the overlay before leaving the view")
    }

    @Test func refreshReloadsTheCurrentView() {
        var state = Self.onUsage()
        let effects = state.reduce(.keyPressed(.character("r")))
        #expect(
            Array(effects.prefix(2)) == [.invalidateCache, .load(nil, .source)], "r forgets reusable answers first")
        #expect(effects.contains { if case .load(_, .usage) = $0 { true } else { false } })
    }

    @Test func everyBindingIsReachableFromItsScreen() {
        for screen in ScreenKind.allCases {
            for binding in KeyMap.bindings(for: screen) {
                for key in binding.keys {
                    #expect(KeyMap.command(for: key, on: screen) == binding.command, "\(screen) \(key)")
                }
            }
        }
    }
}

/// `Tab` on a customer's usage says why the chart panel cannot open, whichever the reason.
@Suite("Reducer: the usage chart panel")
struct UsageChartPanelReducerTests {
    @Test func tabBeforeTheUsageArrivesSaysItIsLoadingThenOpensOnceItHas() {
        var state = Fixtures.loaded(rows: 5)
        state.height = 40
        let open = state.reduce(.keyPressed(.enter))
        _ = state.reduce(.keyPressed(.tab))
        #expect(
            state.screenKind == .customerUsage
                && state.message?.text == "the chart panel opens once the usage has loaded")
        var usage = Fixtures.usage("cus_0")
        usage.series = [
            "calls": TimeSeries(
                metricCode: "calls", bucket: .day, points: [.init(start: Fixtures.now, value: 5)], total: 5)
        ]
        _ = state.reduce(.answered(Fixtures.request(open)!, .usage(.success(usage))))
        _ = state.reduce(.keyPressed(.tab))
        #expect(state.screenKind == .usageChart)
        _ = state.reduce(.keyPressed(.tab))
        _ = state.reduce(.keyPressed(.down))
        _ = state.reduce(.keyPressed(.tab))
        #expect(
            state.screenKind == .customerUsage && state.message?.text.hasPrefix("no series for this metric") == true)
    }
}

/// A period given at start gets a bucket that suits it.
@Suite("Reducer: the starting bucket")
struct StartingBucketTests {
    @Test func thirtySixHoursStartByHourAndAMonthByDay() {
        let hours = AppState(
            now: Fixtures.now, width: 80, height: 24, providerName: "local", capabilities: .all,
            period: .trailing(count: 36, unit: .hours))
        let month = AppState(now: Fixtures.now, width: 80, height: 24, providerName: "local", capabilities: .all)
        #expect(hours.bucket == .hour && month.bucket == .day)
    }
}
