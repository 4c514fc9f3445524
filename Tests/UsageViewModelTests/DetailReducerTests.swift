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

    @Test func enterOpensTheCustomerAndEscGoesBack() {
        var state = Self.onUsage()
        #expect(state.screenKind == .customerUsage)
        guard case .customerUsage(let usage) = state.stack.last else { return }
        #expect(usage.usage?.totals.count == 2)
        let back = state.reduce(.keyPressed(.escape))
        #expect(state.screenKind == .customers)
        #expect(
            back.contains { if case .load(_, .customers) = $0 { true } else { false } }, "the exposed view refreshes")
    }

    @Test func periodAndBucketSwitchReloadUsage() {
        var state = Self.onUsage()
        #expect(state.reduce(.keyPressed(.character("b"))).isEmpty, "only days fit a month: nothing to switch to")
        #expect(state.bucket == .day && state.message?.text == "only daily buckets fit this month")
        _ = state.reduce(.keyPressed(.character("[")))
        #expect(state.period == .preset(.lastMonth))
        _ = state.reduce(.keyPressed(.character("p")))
        for _ in 0..<4 { _ = state.reduce(.keyPressed(.down)) }
        _ = state.reduce(.keyPressed(.enter))
        #expect(state.period == .preset(.last7Days) && state.overlay == nil)
        let effects = state.reduce(.keyPressed(.character("b")))
        guard case .load(_, .usage(_, _, .hour)) = effects.last else {
            Issue.record("expected an hourly reload, got \(effects)")
            return
        }
        #expect(state.isLoading)
    }

    @Test func enterOnAMetricOpensItsTimeseries() {
        var state = Self.onUsage()
        _ = state.reduce(.keyPressed(.down))
        let effects = state.reduce(.keyPressed(.enter))
        guard case .load(let id, .timeseries(let metric, let customer?, _, .day)) = effects.last else {
            Issue.record("expected a customer timeseries load, got \(effects)")
            return
        }
        #expect(metric.code == "gb" && customer == "cus_0" || customer.hasPrefix("cus_"))
        let series = TimeSeries(
            metricCode: "gb", bucket: .day, points: [.init(start: Fixtures.now, value: 3)], total: 3)
        _ = state.reduce(.answered(id, .timeseries(metricCode: "calls", .success(series))))
        guard case .timeseries(let chart) = state.stack.last else { return }
        #expect(chart.series == series)
        let next = state.reduce(.keyPressed(.character("m")))
        guard case .load(_, .timeseries(let other, _, _, _)) = next.last else { return }
        #expect(other.code == "calls", "m cycles the charted metric, wrapping around")
        _ = state.reduce(.keyPressed(.character("b")))
        #expect(state.bucket == .day, "this month fits only daily buckets")
    }

    @Test func unsupportedTimeseriesShowsAWarningNotAFailure() {
        var state = Fixtures.loaded()
        let id = Fixtures.request(state.reduce(.keyPressed(.character("t"))))!
        _ = state.reduce(
            .answered(
                id,
                .timeseries(
                    metricCode: "calls", .failure(UsageError(.unsupported, "timeseries not offered by prolifi")))))
        guard case .timeseries(let chart) = state.stack.last else { return }
        #expect(chart.error == "timeseries not offered by prolifi")
        #expect(state.message?.severity == .warning)
    }

    @Test func eventsPageSizeFitsTheScreenAndPagesMove() {
        var state = Self.onUsage()
        let effects = state.reduce(.keyPressed(.character("e")))
        guard case .load(let id, .events(_, _, _, 0, let size, _)) = effects.last else {
            Issue.record("expected an events load, got \(effects)")
            return
        }
        #expect(size == state.tableRows)
        _ = state.reduce(.answered(id, .events(.success(Fixtures.events(page: 0, size: size, total: 50)))))
        guard case .load(_, .events(_, _, _, 1, _, _)) = state.reduce(.keyPressed(.character("n"))).last else {
            Issue.record("n goes to the next page")
            return
        }
        guard case .load(_, .events(_, _, _, 2, _, _)) = state.reduce(.keyPressed(.pageDown)).last else {
            Issue.record("PgDn goes to the next page")
            return
        }
        guard case .load(_, .events(_, _, _, 1, _, _)) = state.reduce(.keyPressed(.character("N"))).last else {
            Issue.record("N goes to the previous page (p is the period everywhere)")
            return
        }
        guard case .load(_, .events(_, _, _, 0, _, _)) = state.reduce(.keyPressed(.pageUp)).last else {
            Issue.record("PgUp goes to the previous page")
            return
        }
        #expect(state.reduce(.keyPressed(.pageUp)).count >= 1)
        guard case .events(let events) = state.stack.last else { return }
        #expect(events.pageIndex == 0, "the first page is the floor")
    }

    @Test func lastPageKeyAndResizeKeepThePosition() {
        var state = Self.onUsage()
        let id = Fixtures.request(state.reduce(.keyPressed(.character("e"))))!
        let size = state.tableRows
        _ = state.reduce(.answered(id, .events(.success(Fixtures.events(page: 0, size: size, total: 100)))))
        guard case .load(let last, .events(_, _, _, let page, _, _)) = state.reduce(.keyPressed(.end)).last else {
            return
        }
        #expect(page == (100 + size - 1) / size - 1)
        _ = state.reduce(.answered(last, .events(.success(Fixtures.events(page: page, size: size, total: 100)))))
        guard
            case .load(_, .events(_, _, _, let newPage, let newSize, _)) = state.reduce(.resized(width: 80, height: 40))
                .last
        else {
            Issue.record("a taller terminal reloads with a bigger page")
            return
        }
        #expect(newSize == Layout.tableRows(height: 40))
        #expect(newPage == page * size / newSize)
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

    @Test func leavingAViewCancelsItsRequest() {
        var state = Fixtures.loaded()
        let id = Fixtures.request(state.reduce(.keyPressed(.enter)))!
        let effects = state.reduce(.keyPressed(.escape))
        #expect(effects.first == .cancel(id))
        #expect(state.stack.isEmpty && state.customers.request != id, "nobody waits for the left view's answer")
        _ = state.reduce(.answered(id, .usage(.success(Fixtures.usage("cus_0")))))
        #expect(state.screenKind == .customers, "a late answer for a closed view is dropped")
    }

    @Test func refreshReloadsTheCurrentView() {
        var state = Self.onUsage()
        let effects = state.reduce(.keyPressed(.character("r")))
        #expect(
            Array(effects.prefix(2)) == [.invalidateCache, .load(nil, .source)], "r forgets reusable answers first")
        #expect(effects.contains { if case .load(_, .usage) = $0 { true } else { false } })
    }

    @Test func tickAdvancesTheSpinnerOnlyWhileLoading() {
        var state = Fixtures.loaded()
        _ = state.reduce(.ticked(Fixtures.now.addingTimeInterval(1)))
        #expect(state.spinnerFrame == 0)
        _ = state.reduce(.keyPressed(.character("r")))
        _ = state.reduce(.ticked(Fixtures.now.addingTimeInterval(2)))
        #expect(state.spinnerFrame == 1)
        #expect(state.now == Fixtures.now.addingTimeInterval(2))
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

@Suite("Reducer: whole states across views")
struct WholeStateTests {
    @Test func escapeFromACustomerLeavesTheCustomersViewAsItWasAndRefreshesIt() {
        let before = Fixtures.loaded()
        var state = before
        let opened = state.reduce(.keyPressed(.enter))
        let id = Fixtures.request(opened)!
        _ = state.reduce(.answered(id, .usage(.success(Fixtures.usage("cus_0")))))
        // The view below is as it was; only the refresh it asks for is new.
        let back = expectChange(&state, .keyPressed(.escape)) { state in
            state.stack = []
            state.customers.request = state.requests.issue()
        }
        #expect(back.contains { if case .load(_, .customers) = $0 { true } else { false } })
    }

    @Test func eventPagesMoveThePageAndNothingElse() {
        var state = DetailReducerTests.onUsage()
        let id = Fixtures.request(state.reduce(.keyPressed(.character("e"))))!
        let size = state.tableRows
        _ = state.reduce(.answered(id, .events(.success(Fixtures.events(page: 0, size: size, total: 50)))))
        // The page asked and its request are new; the rows on screen stay until the page arrives.
        let next = expectChange(&state, .keyPressed(.character("n"))) { state in
            let id = state.requests.issue()
            state.top?.eventsState?.pageIndex = 1
            state.top?.eventsState?.data.begin(id)
        }
        guard case .load(_, .events(_, _, _, 1, _, _)) = next.last else {
            Issue.record("n loads the next page, got \(next)")
            return
        }
    }
}
