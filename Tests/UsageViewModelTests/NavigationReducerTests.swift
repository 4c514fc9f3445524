import Foundation
import Testing
import UsageCore
@testable import UsageViewModel

/// Walking down from the customers table and back, asserted as whole states: each key or answer changes exactly
/// what is written out, and nothing else.
@Suite("Reducer: navigation as whole states")
struct NavigationReducerTests {
    /// The stacked view `state` would show after a load of `screen` began with the next request id.
    static func pushed(_ screen: Screen, onto state: inout AppState) {
        var screen = screen
        screen.begin(state.requests.issue())
        state.stack.append(screen)
    }

    @Test func enterOpensTheCustomerItsUsageLandsAndEscapeGoesBack() throws {
        var state = Fixtures.loaded()
        let customer = try #require(state.customers.selectedRow).summary.customer
        let opened = expectChange(&state, .keyPressed(.enter)) { state in
            Self.pushed(
                .customerUsage(CustomerUsageState(customerID: customer.id, customerName: customer.name)), onto: &state)
        }
        let id = try #require(Fixtures.request(opened))
        #expect(opened == [.load(id, .usage(customerID: customer.id, period: state.resolvedPeriod, bucket: .day))])
        let usage = Fixtures.usage(customer.id)
        expectChange(&state, .answered(id, .usage(.success(usage)))) { state in
            let now = state.now
            state.top?.usageState?.data.land(id, .success(usage), now: now)
            state.top?.usageState?.customerName = usage.customer.name
            state.lastRefresh = state.now
        }
        let back = expectChange(&state, .keyPressed(.escape)) { state in
            state.stack = []
            state.customers.data.begin(state.requests.issue())
            state.customers.begin(query: state.customers.query ?? "")
        }
        #expect(back.contains { if case .load(_, .customers) = $0 { true } else { false } })
    }

    @Test func aLateAnswerForALeftViewChangesNothing() throws {
        var state = Fixtures.loaded()
        let id = try #require(Fixtures.request(state.reduce(.keyPressed(.enter))))
        let left = state.reduce(.keyPressed(.escape))
        #expect(left.first == .cancel(id))
        expectChange(&state, .answered(id, .usage(.success(Fixtures.usage("cus_0")))))
        expectChange(&state, .answered(id, .usage(.failure(UsageError(.storage, "disk I/O error")))))
    }

    @Test func aMetricOpensItsChartWhoseAnswerLandsAndMCyclesIt() throws {
        var state = DetailReducerTests.onUsage()
        _ = state.reduce(.keyPressed(.down))
        let usage = try #require(state.top?.usageState)
        let opened = expectChange(&state, .keyPressed(.enter)) { state in
            let chart = TimeseriesState(
                metric: Fixtures.metrics[1], customerID: usage.customerID, customerName: usage.customerName)
            Self.pushed(.timeseries(chart), onto: &state)
        }
        let id = try #require(Fixtures.request(opened))
        let series = TimeSeries(
            metricCode: "gb", bucket: .day, points: [.init(start: Fixtures.now, value: 3)], total: 3)
        expectChange(&state, .answered(id, .timeseries(metricCode: "gb", .success(series)))) { state in
            let now = state.now
            state.top?.seriesState?.data.land(id, .success(series), now: now)
            state.lastRefresh = state.now
        }
        let cycled = expectChange(&state, .keyPressed(.character("m"))) { state in
            state.top?.seriesState?.metric = Fixtures.metrics[0]
            state.top?.seriesState?.data.value = nil
            let next = state.requests.issue()
            state.top?.begin(next)
        }
        #expect(cycled.first == .cancel(id) || cycled.count == 1)
    }

    @Test func anUnofferedChartIsAWarningAndKeepsTheView() throws {
        var state = Fixtures.loaded()
        let id = try #require(Fixtures.request(state.reduce(.keyPressed(.character("t")))))
        let failure = UsageError(.unsupported, "timeseries not offered by prolifi")
        expectChange(&state, .answered(id, .timeseries(metricCode: "calls", .failure(failure)))) { state in
            let now = state.now
            state.top?.seriesState?.data.land(id, .failure(failure), now: now)
            state.message = StatusMessage(failure.message, .warning)
        }
    }

    @Test func aFailedReloadKeepsTheUsageOnScreenAndSaysWhy() throws {
        var state = DetailReducerTests.onUsage()
        let reload = expectChange(&state, .keyPressed(.character("r"))) { state in
            let next = state.requests.issue()
            state.top?.begin(next)
        }
        let id = try #require(Fixtures.request(reload))
        let failure = UsageError(.storage, "local: reading usage: disk I/O error")
        expectChange(&state, .answered(id, .usage(.failure(failure)))) { state in
            let now = state.now
            state.top?.usageState?.data.land(id, .failure(failure), now: now)
            state.message = StatusMessage(failure.message, .error)
        }
        #expect(state.top?.usageState?.usage != nil && state.top?.usageState?.error == failure.message)
    }

    @Test func theSpinnerTurnsOnlyWhileSomethingLoads() {
        var state = Fixtures.loaded()
        let later = Fixtures.now.addingTimeInterval(1)
        expectChange(&state, .ticked(later)) { $0.now = later }
        _ = state.reduce(.keyPressed(.character("r")))
        let after = later.addingTimeInterval(1)
        expectChange(&state, .ticked(after)) { state in
            state.now = after
            state.spinnerFrame = 1
        }
    }
}
