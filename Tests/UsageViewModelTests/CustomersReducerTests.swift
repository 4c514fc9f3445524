import Foundation
import Testing
import UsageCore
@testable import UsageViewModel

@Suite("Reducer: customers view")
struct CustomersReducerTests {
    @Test func startLoadsSourceAndMetricsThenCustomers() {
        var state = AppState(now: Fixtures.now, width: 80, height: 24, providerName: "local", capabilities: .all)
        #expect(
            state.reduce(.started(now: Fixtures.now, width: 100, height: 30)) == [
                .load(nil, .source), .load(nil, .metrics),
            ])
        let effects = state.reduce(.answered(nil, .metrics(.success(Fixtures.metrics))))
        #expect(effects.count == 1)
        guard case .load(_, .customers(let metric, let period, _)) = effects[0] else {
            Issue.record("expected loadCustomers, got \(effects)")
            return
        }
        #expect(metric.code == "calls")
        #expect(period == PeriodPreset.thisMonth.resolve(now: Fixtures.now))
        #expect(state.isLoading)
    }

    @Test func rowsArriveSortedByTotalDescending() {
        let state = Fixtures.loaded(rows: 10)
        let totals = state.customers.visible.map { state.customers.rows[$0].summary.total }
        #expect(totals == totals.sorted(by: >))
        #expect(!state.isLoading)
        #expect(state.lastRefresh == Fixtures.now)
    }

    @Test func staleAnswersAreIgnored() {
        var state = Fixtures.loaded(rows: 5)
        let first = Fixtures.request(state.reduce(.keyPressed(.character("m"))))!
        let second = Fixtures.request(state.reduce(.keyPressed(.character("m"))))!
        _ = state.reduce(.answered(first, .customers(.success(Fixtures.summaries(99)))))
        #expect(state.customers.rows.isEmpty, "another metric's rows are gone, and a superseded answer adds none")
        _ = state.reduce(.answered(second, .customers(.success(Fixtures.summaries(7)))))
        #expect(state.customers.rows.count == 7)
    }

    @Test func movementPagingAndEnds() {
        var state = Fixtures.loaded(rows: 50)
        let rows = state.tableRows
        // Each key moves the cursor and nothing else.
        expectChange(&state, .keyPressed(.down)) { $0.customers.cursor.selected = 1 }
        expectChange(&state, .keyPressed(.character("j"))) { $0.customers.cursor.selected = 2 }
        expectChange(&state, .keyPressed(.up)) { $0.customers.cursor.selected = 1 }
        expectChange(&state, .keyPressed(.pageDown)) {
            $0.customers.cursor.selected = 1 + rows
            $0.customers.cursor.offset = 2
        }
        expectChange(&state, .keyPressed(.end)) {
            $0.customers.cursor.selected = 49
            $0.customers.cursor.offset = 50 - rows
        }
        expectChange(&state, .keyPressed(.pageDown))
        expectChange(&state, .keyPressed(.home)) { $0.customers.cursor = ListCursor() }
        expectChange(&state, .keyPressed(.pageUp))
    }

    @Test func filterIsIncrementalCaseInsensitiveAndClearable() {
        var state = Fixtures.loaded(rows: 40)
        _ = state.reduce(.keyPressed(.character("/")))
        #expect(state.customers.isEditingFilter)
        for c in "ÜNÏ" { _ = state.reduce(.keyPressed(.character(c))) }
        #expect(state.customers.visible.map { state.customers.rows[$0].summary.customer.id } == ["cus_3"])
        _ = state.reduce(.keyPressed(.character("q")))
        #expect(!state.shouldQuit, "q types into the filter")
        #expect(state.customers.visible.isEmpty)
        _ = state.reduce(.keyPressed(.backspace))
        _ = state.reduce(.keyPressed(.backspace))
        _ = state.reduce(.keyPressed(.backspace))
        _ = state.reduce(.keyPressed(.backspace))
        _ = state.reduce(.keyPressed(.character("1")))
        #expect(state.customers.visible.count == 13, "1, 10-19, 21, 31 match by name or id")
        _ = state.reduce(.keyPressed(.enter))
        #expect(!state.customers.isEditingFilter && state.customers.filter == "1")
        _ = state.reduce(.keyPressed(.escape))
        #expect(state.customers.filter.isEmpty && state.customers.visible.count == 40)
        _ = state.reduce(.keyPressed(.character("/")))
        _ = state.reduce(.keyPressed(.character("x")))
        _ = state.reduce(.keyPressed(.escape))
        #expect(!state.customers.isEditingFilter && state.customers.filter.isEmpty)
    }

    @Test func filteringHundredThousandCustomersNarrowsIncrementally() {
        var customers = CustomersState()
        customers.setRows(Fixtures.summaries(100_000), visibleRows: 20)
        // Words match anywhere in the name or id, in any order: "99" also finds "Company 199" and "cus_1990".
        customers.setFilter("company 99", visibleRows: 20)
        #expect(customers.visible.count == 3_691)
        customers.setFilter("company 999", visibleRows: 20)
        #expect(customers.visible.count == 280)
        customers.setFilter("company 9", visibleRows: 20)
        #expect(customers.visible.count == 40_951, "widening rescans all rows")
    }

    @Test func sortCyclesColumnsAndReverses() {
        var state = Fixtures.loaded(rows: 20)
        _ = state.reduce(.keyPressed(.character("s")))
        #expect(state.customers.sortColumn == .lastEvent && state.customers.descending)
        _ = state.reduce(.keyPressed(.character("s")))
        #expect(state.customers.sortColumn == .name && !state.customers.descending)
        let names = state.customers.visible.map { state.customers.rows[$0].summary.customer.name.lowercased() }
        #expect(names == names.sorted())
        _ = state.reduce(.keyPressed(.character("S")))
        #expect(state.customers.descending)
        _ = state.reduce(.keyPressed(.character("s")))
        #expect(state.customers.sortColumn == .id)
    }

    @Test func selectionFollowsTheCustomerAcrossReloads() {
        var state = Fixtures.loaded(rows: 20)
        _ = state.reduce(.keyPressed(.down))
        let chosen = state.customers.selectedRow!.summary.customer.id
        let id = Fixtures.request(
            state.reduce(.keyPressed(.character("r")))
                + state.reduce(.answered(nil, .metrics(.success(Fixtures.metrics)))))!
        _ = state.reduce(.answered(id, .customers(.success(Fixtures.summaries(20).reversed()))))
        #expect(state.customers.selectedRow?.summary.customer.id == chosen)
    }

    @Test func metricPeriodAndChartKeysLoadData() {
        var state = Fixtures.loaded()
        _ = state.reduce(.keyPressed(.character("M")))
        #expect(state.metric?.code == "gb")
        let effects = state.reduce(.keyPressed(.character("[")))
        #expect(state.period == .preset(.lastMonth), "[ from this month is last month")
        guard case .load(_, .customers(_, let period, _)) = effects.last else {
            Issue.record("expected a reload")
            return
        }
        #expect(period == PeriodPreset.lastMonth.resolve(now: Fixtures.now))
        let chart = state.reduce(.keyPressed(.character("t")))
        #expect(state.screenKind == .timeseries)
        guard case .load(_, .timeseries(let metric, nil, _, .day)) = chart.last else {
            Issue.record("expected a client-wide timeseries load, got \(chart)")
            return
        }
        #expect(metric.code == "gb")
    }

    @Test func failuresShowOneLineAndKeepOldRowsOfTheSameQuestion() throws {
        var state = Fixtures.loaded(rows: 5)
        _ = state.reduce(.keyPressed(.character("r")))
        let id = try #require(Fixtures.request(state.reduce(.answered(nil, .metrics(.success(Fixtures.metrics))))))
        _ = state.reduce(
            .answered(id, .customers(.failure(UsageError(.storage, "local: loading customers: disk I/O error")))))
        #expect(state.customers.rows.count == 5, "a failed refresh keeps the rows it would have replaced")
        #expect(state.message?.text == "local: loading customers: disk I/O error")
        #expect(state.message?.severity == .error)
    }

    @Test func helpQuitAndResize() {
        var state = Fixtures.loaded()
        _ = state.reduce(.keyPressed(.character("?")))
        #expect(state.overlay == .help(scroll: 0))
        _ = state.reduce(.keyPressed(.character("x")))
        #expect(state.overlay == nil)
        _ = state.reduce(.keyPressed(.end))
        _ = state.reduce(.resized(width: 120, height: 10))
        #expect(state.customers.cursor.offset == 50 - state.tableRows)
        #expect(state.reduce(.keyPressed(.character("q"))) == [.quit])
        #expect(state.shouldQuit)
    }
}

/// On a wide screen with a provider that has bulk totals, other metrics' totals load beside the chosen one.
@Suite("Reducer: metrics side by side")
struct SideMetricsReducerTests {
    static func sideLoads(_ effects: [Effect]) -> [(RequestID, String)] {
        effects.compactMap {
            if case .load(let id?, .sideTotals(let metric, _)) = $0 { (id, metric.code) } else { nil }
        }
    }

    @Test func wideScreensLoadTheNextMetricsAfterTheRowsAndDropAnswersNoLongerWanted() {
        var state = AppState(now: Fixtures.now, width: 160, height: 30, providerName: "local", capabilities: .all)
        _ = state.reduce(.started(now: Fixtures.now, width: 160, height: 30))
        let load = state.reduce(.answered(nil, .metrics(.success(Fixtures.metrics))))
        #expect(Self.sideLoads(load).isEmpty, "the table's own rows first")
        let side = Self.sideLoads(
            state.reduce(.answered(Fixtures.request(load)!, .customers(.success(Fixtures.summaries(5))))))
        #expect(side.map(\.1) == ["gb"], "then the other metric, beside calls")
        let stale = side[0].0
        let again = state.reduce(.keyPressed(.character("m")))
        #expect(again.contains(.cancel(stale)), "a new question cancels the old side loads")
        _ = state.reduce(.answered(stale, .sideTotals(metricCode: "gb", .success(Fixtures.summaries(3)))))
        #expect(state.customers.sideTotals.isEmpty, "an answer nobody waits for is dropped")
        let fresh = Self.sideLoads(
            state.reduce(.answered(Fixtures.request(again)!, .customers(.success(Fixtures.summaries(5))))))
        #expect(fresh.map(\.1) == ["calls"])
        _ = state.reduce(.answered(fresh[0].0, .sideTotals(metricCode: "calls", .success(Fixtures.summaries(3)))))
        #expect(state.customers.sideTotals["calls"]?["cus_1"] == Fixtures.summaries(3)[1].total)
        var narrow = AppState(
            now: Fixtures.now, width: 100, height: 30, providerName: "lago", capabilities: [])
        _ = narrow.reduce(.started(now: Fixtures.now, width: 100, height: 30))
        let none = narrow.reduce(.answered(nil, .metrics(.success(Fixtures.metrics))))
        #expect(
            Self.sideLoads(
                narrow.reduce(.answered(Fixtures.request(none)!, .customers(.success(Fixtures.summaries(5)))))
            )
            .isEmpty)
    }

    @Test func aVeryLargeTableShowsNoSideColumns() {
        var state = AppState(now: Fixtures.now, width: 160, height: 30, providerName: "local", capabilities: .all)
        _ = state.reduce(.started(now: Fixtures.now, width: 160, height: 30))
        let load = state.reduce(.answered(nil, .metrics(.success(Fixtures.metrics))))
        let first = Fixtures.summaries(40)
        _ = state.reduce(
            .answered(
                Fixtures.request(load)!, .customersArriving(SummaryProgress(rows: first, loaded: 40, total: 50_000))))
        #expect(state.customers.rows.count == 40, "the first rows show while the table fills")
        #expect(state.sideMetrics.isEmpty, "and bring no columns the whole table will not have")
        let rows = Fixtures.summaries(Layout.sideMetricsMaxRows + 1)
        #expect(Self.sideLoads(state.reduce(.answered(Fixtures.request(load)!, .customers(.success(rows))))).isEmpty)
    }
}

/// An automatic refresh that brings the same answer back (the cached array) leaves the table as the user left it,
/// while a changed answer replaces it.
@Suite("Reducer: unchanged answers")
struct UnchangedAnswerTests {
    @Test func theSameAnswerAgainKeepsTheTableAndANewOneReplacesIt() {
        var state = AppState(now: Fixtures.now, width: 80, height: 24, providerName: "local", capabilities: .all)
        _ = state.reduce(.started(now: Fixtures.now, width: 80, height: 24))
        let answer = Fixtures.summaries(30)
        _ = state.reduce(
            .answered(
                Fixtures.request(state.reduce(.answered(nil, .metrics(.success(Fixtures.metrics)))))!,
                .customers(.success(answer))))
        state.setRefresh(seconds: 2)
        let first = state.reduce(.ticked(state.now.addingTimeInterval(2)))
        #expect(first.first == .revalidateCache)
        _ = state.reduce(.answered(Fixtures.request(first)!, .customers(.success(answer))))
        #expect(state.customers.rows.map(\.summary) == answer)
        var changed = answer
        changed[0].total = 999
        let second = state.reduce(.ticked(state.now.addingTimeInterval(2)))
        _ = state.reduce(.answered(Fixtures.request(second)!, .customers(.success(changed))))
        #expect(
            state.customers.rows.first { $0.summary.customer.id == "cus_0" }?.summary.total == 999,
            "an answer that changed is never mistaken for the cached one")
    }
}
