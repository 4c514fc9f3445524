import Foundation
import Testing
import UsageCore
@testable import UsageViewModel

/// The chart cursor: ←/→ move over buckets, ^ jumps to the peak, e opens the events of the bucket under it.
@Suite("Reducer: chart cursor and drill-down")
struct ChartCursorTests {
    static let day = ISO8601Parser.parse("2026-11-20T00:00:00Z")!

    static func chart(customer: Bool = true) throws -> AppState {
        var state = AppState(now: Fixtures.now, width: 80, height: 24, providerName: "local", capabilities: .all)
        _ = state.reduce(.started(now: Fixtures.now, width: 80, height: 24))
        _ = state.reduce(.answered(nil, .metrics(.success(Fixtures.metrics))))
        state.stack.append(
            .timeseries(
                TimeseriesState(
                    metric: Fixtures.metrics[0], customerID: customer ? "cus_1" : nil,
                    customerName: customer ? "Company 1" : nil)))
        let effects = state.reduce(.keyPressed(.character("r")))
        guard case .load(let id, .timeseries)? = effects.last else { throw UsageError(.storage, "no load") }
        let points = [3, 9, 4].enumerated().map {
            TimeSeries.Point(start: day.addingTimeInterval(Double($0.offset) * 3_600), value: Decimal($0.element))
        }
        _ = state.reduce(
            .answered(
                id,
                .timeseries(
                    metricCode: "calls",
                    .success(TimeSeries(metricCode: "calls", bucket: .hour, points: points, total: 16)))))
        return state
    }

    static func cursor(_ state: AppState) -> Int? {
        if case .timeseries(let chart)? = state.stack.last { return chart.cursor }
        return nil
    }

    @Test func arrowsMoveAndCaretFindsThePeak() throws {
        var state = try Self.chart()
        _ = state.reduce(.keyPressed(.left))
        #expect(Self.cursor(state) == 2, "the first ← starts at the last bucket")
        _ = state.reduce(.keyPressed(.character("h")))
        _ = state.reduce(.keyPressed(.character("h")))
        _ = state.reduce(.keyPressed(.left))
        #expect(Self.cursor(state) == 0, "stops at the first")
        _ = state.reduce(.keyPressed(.character("^")))
        #expect(Self.cursor(state) == 1)
        _ = state.reduce(.keyPressed(.right))
        #expect(Self.cursor(state) == 2)
    }

    @Test func eOpensTheEventsOfTheBucketUnderTheCursor() throws {
        var state = try Self.chart()
        _ = state.reduce(.keyPressed(.character("^")))
        let effects = state.reduce(.keyPressed(.character("e")))
        guard case .load(_, .events("cus_1", let metric, let period, 0, _, _))? = effects.last else {
            Issue.record("expected the bucket's events: \(effects)")
            return
        }
        #expect(metric.code == "calls")
        #expect(period == Period(start: Self.day.addingTimeInterval(3_600), end: Self.day.addingTimeInterval(7_200)))
        #expect(state.screenKind == .events)
    }

    /// `[` and `]` on a bucket's events (or breakdown) move to the bucket before or after; `p` choosing a period
    /// makes them follow it: no period key is a silent no-op in any view.
    @Test func periodKeysMoveABucketsEventsAndBreakdown() throws {
        var state = try Self.chart()
        _ = state.reduce(.keyPressed(.character("^")))
        _ = state.reduce(.keyPressed(.character("e")))
        let hour = { (offset: Double) in
            Period(
                start: Self.day.addingTimeInterval(offset * 3_600),
                end: Self.day.addingTimeInterval((offset + 1) * 3_600))
        }
        let later = state.reduce(.keyPressed(.character("]")))
        guard case .load(_, .events(_, _, let next, 0, _, _))? = later.last else {
            Issue.record("] loads the next bucket's events: \(later)")
            return
        }
        #expect(next == hour(2) && state.top?.eventsState?.period == hour(2))
        _ = state.reduce(.keyPressed(.character("[")))
        _ = state.reduce(.keyPressed(.character("[")))
        #expect(state.top?.eventsState?.period == hour(0))
        _ = state.reduce(.keyPressed(.character("p")))
        #expect(state.overlay != nil, "p opens the picker on the events too")
        _ = state.reduce(.keyPressed(.text("2026-11-19")))
        let chosen = state.reduce(.keyPressed(.enter))
        #expect(state.top?.eventsState?.period == nil, "the events follow the period chosen")
        guard case .load(_, .events(_, _, let day, _, _, _))? = chosen.last else {
            Issue.record("the events of the period chosen: \(chosen)")
            return
        }
        #expect(day == Period(start: Self.day.addingTimeInterval(-86_400), end: Self.day))
        _ = state.reduce(.keyPressed(.escape))
        _ = state.reduce(.keyPressed(.character("^")))
        _ = state.reduce(.keyPressed(.character("B")))
        _ = state.reduce(.keyPressed(.character("]")))
        #expect(state.top?.breakdownState?.period != nil, "a breakdown of a bucket moves too")
    }

    /// `b` keeps the time under the cursor: 01:00 on November 20 by hour is November 20 by day.
    @Test func anotherBucketSizeKeepsTheCursorsTime() throws {
        var state = try Self.chart()
        state.period = .preset(.last7Days)
        state.bucket = .hour
        _ = state.reduce(.keyPressed(.character("^")))
        let effects = state.reduce(.keyPressed(.character("b")))
        guard case .load(let id, .timeseries(_, _, _, .day))? = effects.last else {
            Issue.record("b asks the chart by day: \(effects)")
            return
        }
        let days = (0..<7).map {
            TimeSeries.Point(start: Self.day.addingTimeInterval(Double($0 - 4) * 86_400), value: Decimal($0))
        }
        _ = state.reduce(
            .answered(
                id,
                .timeseries(
                    metricCode: "calls",
                    .success(TimeSeries(metricCode: "calls", bucket: .day, points: days, total: 21)))
            ))
        #expect(Self.cursor(state) == 4, "the day that holds 01:00 on November 20")
    }

    @Test func withoutACursorEOpensThePeriodAndAnAllCustomerChartSaysWhy() throws {
        var state = try Self.chart()
        let effects = state.reduce(.keyPressed(.enter))
        guard case .load(_, .events(_, _, let period, _, _, _))? = effects.last else {
            Issue.record("expected the period's events")
            return
        }
        #expect(period == state.resolvedPeriod)
        var all = try Self.chart(customer: false)
        #expect(all.reduce(.keyPressed(.character("e"))).isEmpty)
        #expect(all.message?.text == "events need one customer: open the chart from a customer's usage")
    }
}

/// The events view: newest first, `o` flips the order, `f` filters by properties over the whole period.
@Suite("Reducer: event order and property filter")
struct EventQueryReducerTests {
    static func events() throws -> AppState {
        var state = try ChartCursorTests.chart()
        _ = state.reduce(.keyPressed(.character("e")))
        return state
    }

    static func lastQuery(_ effects: [Effect]) -> EventQuery? {
        if case .load(_, .events(_, _, _, _, _, let query))? = effects.last { return query }
        return nil
    }

    @Test func newestFirstByDefaultAndOFlips() throws {
        var state = try ChartCursorTests.chart()
        #expect(Self.lastQuery(state.reduce(.keyPressed(.character("e"))))?.newestFirst == true)
        #expect(Self.lastQuery(state.reduce(.keyPressed(.character("o"))))?.newestFirst == false)
    }

    @Test func fTypesAFilterThatEnterAppliesAndEscClears() throws {
        var state = try Self.events()
        _ = state.reduce(.keyPressed(.character("f")))
        for c in "status=500" { #expect(state.reduce(.keyPressed(.character(c))).isEmpty, "typing loads nothing") }
        let applied = state.reduce(.keyPressed(.enter))
        #expect(Self.lastQuery(applied)?.matches == [EventQuery.Match(key: "status", value: "500")])
        _ = state.reduce(.keyPressed(.character("f")))
        #expect(Self.lastQuery(state.reduce(.keyPressed(.escape)))?.matches == [], "Esc clears the filter and reloads")
        _ = state.reduce(.keyPressed(.character("f")))
        for c in "oops" { _ = state.reduce(.keyPressed(.character(c))) }
        #expect(state.reduce(.keyPressed(.enter)).isEmpty)
        #expect(state.message?.text == "a filter is key=value words, e.g. status=500 endpoint=/v1/search")
    }

    @Test func slashSearchesAndEscClears() throws {
        var state = try Self.events()
        _ = state.reduce(.keyPressed(.character("/")))
        for c in "v1/export" { _ = state.reduce(.keyPressed(.character(c))) }
        #expect(Self.lastQuery(state.reduce(.keyPressed(.enter)))?.text == "v1/export")
        _ = state.reduce(.keyPressed(.character("/")))
        #expect(Self.lastQuery(state.reduce(.keyPressed(.escape)))?.text == nil)
    }
}
