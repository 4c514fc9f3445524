import Foundation
import Testing
import UsageCore
@testable import UsageViewModel

/// The header names the period of the numbers on every screen: a chart of billing periods names them unless they
/// make up the period asked.
@Suite("Answered periods")
struct AnsweredPeriodsTests {
    static func chart(_ points: [TimeSeries.Point]) throws -> AppState {
        var state = AppState(
            now: Fixtures.now, width: 120, height: 40, providerName: "lago", capabilities: [])
        _ = state.reduce(.started(now: Fixtures.now, width: 120, height: 40))
        _ = state.reduce(.answered(nil, .metrics(.success(Fixtures.metrics))))
        state.stack.append(
            .timeseries(TimeseriesState(metric: Fixtures.metrics[0], customerID: "c", customerName: "C")))
        let effects = state.reduce(.keyPressed(.character("r")))
        guard case .load(let id, .timeseries)? = effects.last else { throw UsageError(.storage, "no load") }
        let series = TimeSeries(metricCode: "calls", bucket: .month, points: points, total: 0, isPerBillingPeriod: true)
        _ = state.reduce(.answered(id, .timeseries(metricCode: "calls", .success(series))))
        return state
    }

    @Test func aChartOfBillingPeriodsNamesThemUnlessTheyMakeUpThePeriodAsked() throws {
        let month = Period.month(containing: Fixtures.now)
        let anniversary = Period(
            start: month.start.addingTimeInterval(13 * 86_400), end: month.end.addingTimeInterval(13 * 86_400))
        let named = try Self.chart([TimeSeries.Point(start: anniversary.start, value: 5, end: anniversary.end)])
        #expect(named.answeredPeriods == [anniversary])
        let exact = try Self.chart([TimeSeries.Point(start: month.start, value: 5, end: month.end)])
        #expect(exact.answeredPeriods.isEmpty, "a billing period equal to this month answers this month")
    }
}
