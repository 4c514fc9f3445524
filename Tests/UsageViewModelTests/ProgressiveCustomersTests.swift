import Foundation
import Testing
import UsageCore
@testable import UsageViewModel

/// Rows of a slow provider show as they arrive, with how many are left; rows never answer another question.
@Suite("Customers table filling as rows arrive")
struct ProgressiveCustomersTests {
    static func firstLoad() -> (AppState, RequestID) {
        var state = AppState(now: Fixtures.now, width: 120, height: 40, providerName: "lago", capabilities: [])
        _ = state.reduce(.started(now: Fixtures.now, width: 120, height: 40))
        let effects = state.reduce(.answered(nil, .metrics(.success(Fixtures.metrics))))
        return (state, Fixtures.request(effects)!)
    }

    @Test func rowsShowAsTheyArriveAndTheFullAnswerReplacesThem() {
        var (state, id) = Self.firstLoad()
        let all = Fixtures.summaries(40)
        _ = state.reduce(.answered(id, .customersArriving(SummaryProgress(rows: [], loaded: 0, total: 40))))
        #expect(state.customers.rows.isEmpty && state.customers.progress?.total == 40)
        _ = state.reduce(
            .answered(id, .customersArriving(SummaryProgress(rows: Array(all[0..<10]), loaded: 10, total: 40))))
        #expect(state.customers.visible.count == 10, "the first rows are usable before the rest")
        #expect(state.customers.progress?.loaded == 10)
        _ = state.reduce(
            .answered(id, .customersArriving(SummaryProgress(rows: Array(all[10..<20]), loaded: 20, total: 40))))
        let totals = state.customers.visible.map { state.customers.rows[$0].summary.total }
        #expect(totals == totals.sorted(by: >), "arriving rows keep the sort")
        _ = state.reduce(.answered(id, .customers(.success(all))))
        #expect(state.customers.rows.count == 40 && state.customers.progress == nil && !state.isLoading)
    }

    /// Rows that arrive and sort above the selected one move it down: the highlight goes with the customer, so
    /// `Enter` opens the customer highlighted, never the one that slid under the old position.
    @Test func theHighlightStaysOnItsCustomerWhileRowsArriveAndResort() throws {
        var (state, id) = Self.firstLoad()
        let all = Fixtures.summaries(40)
        _ = state.reduce(
            .answered(id, .customersArriving(SummaryProgress(rows: Array(all[0..<10]), loaded: 10, total: 40))))
        _ = state.reduce(.keyPressed(.down))
        _ = state.reduce(.keyPressed(.down))
        let chosen = try #require(state.customers.selectedRow?.summary.customer.id)
        for batch in 1..<4 {
            let rows = Array(all[(batch * 10)..<(batch * 10 + 10)])
            _ = state.reduce(
                .answered(
                    id, .customersArriving(SummaryProgress(rows: rows, loaded: batch * 10 + 10, total: 40))))
            #expect(state.customers.selectedRow?.summary.customer.id == chosen, "after batch \(batch)")
        }
        let position = state.customers.cursor.selected
        #expect(position != 2, "rows sorted above it moved it down")
        _ = state.reduce(.answered(id, .customers(.success(all.reversed()))))
        #expect(state.customers.selectedRow?.summary.customer.id == chosen, "the full answer keeps it too")
        _ = state.reduce(.keyPressed(.enter))
        #expect(state.stack.last?.usageState?.customerID == chosen, "Enter opens the customer highlighted")
    }

    @Test func aRefreshOfTheSameQuestionKeepsTheRowsAndOnlyCounts() throws {
        var state = Fixtures.loaded(rows: 30)
        _ = state.reduce(.keyPressed(.character("r")))
        let id = try #require(Fixtures.request(state.reduce(.answered(nil, .metrics(.success(Fixtures.metrics))))))
        _ = state.reduce(
            .answered(id, .customersArriving(SummaryProgress(rows: Array(Fixtures.summaries(5)), loaded: 5, total: 30)))
        )
        #expect(state.customers.rows.count == 30, "the loaded table stays whole while it refreshes")
        #expect(state.customers.progress?.loaded == 5)
    }

    @Test func anotherMetricNeverShowsTheOldMetricsRows() throws {
        var state = Fixtures.loaded(rows: 30)
        let id = try #require(Fixtures.request(state.reduce(.keyPressed(.character("m")))))
        #expect(state.customers.rows.isEmpty && !state.customers.loaded, "no Calls totals under the GB title")
        _ = state.reduce(
            .answered(id, .customersArriving(SummaryProgress(rows: Array(Fixtures.summaries(3)), loaded: 3, total: 30)))
        )
        #expect(state.customers.rows.count == 3)
    }

    @Test func aStaleReportChangesNothing() {
        var (state, first) = Self.firstLoad()
        _ = state.reduce(.keyPressed(.character("m")))
        _ = state.reduce(
            .answered(first, .customersArriving(SummaryProgress(rows: Fixtures.summaries(5), loaded: 5, total: 9))))
        #expect(state.customers.rows.isEmpty && state.customers.progress == nil)
    }
}
