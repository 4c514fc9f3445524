import Foundation
import Testing
import UsageCore
@testable import UsageViewModel

/// `F` narrows a chart or an event list by the metric's next filter, where the provider has filters.
@Suite("Reducer: metric filters")
struct FilterReducerTests {
    static let filtered = Metric(
        code: "agg", name: "Calls", aggregation: .count,
        filters: [MetricFilter(id: "eu", name: "region: eu"), MetricFilter(id: "us", name: "region: us")])

    static func chart(capabilities: ProviderCapabilities) -> AppState {
        var state = AppState(
            now: Fixtures.now, width: 120, height: 40, providerName: "hyperline", capabilities: capabilities)
        _ = state.reduce(.started(now: Fixtures.now, width: 120, height: 40))
        _ = state.reduce(.answered(nil, .metrics(.success([filtered]))))
        _ = state.reduce(.keyPressed(.character("t")))
        return state
    }

    @Test func shiftFCyclesThroughTheFiltersAndBackToAll() {
        var state = Self.chart(capabilities: .all)
        var effects = state.reduce(.keyPressed(.character("F")))
        guard case .load(_, .timeseries(let metric, _, _, _))? = effects.last else {
            Issue.record("expected a reload")
            return
        }
        #expect(metric.filter?.id == "eu" && state.message?.text == "filter: region: eu")
        _ = state.reduce(.keyPressed(.character("F")))
        effects = state.reduce(.keyPressed(.character("F")))
        guard case .load(_, .timeseries(let all, _, _, _))? = effects.last else {
            Issue.record("expected a reload")
            return
        }
        #expect(all.filter == nil && state.message?.text == "filter: none (all events)")
    }

    @Test func aProviderWithoutFiltersSaysSoAndLoadsNothing() {
        var state = Self.chart(capabilities: [.clientWideTimeseries])
        let effects = state.reduce(.keyPressed(.character("F")))
        #expect(effects.isEmpty)
        #expect(state.message?.text == "metric filters not offered by hyperline" && state.message?.severity == .warning)
    }
}
