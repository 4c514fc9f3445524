import Foundation
import KeyInput
import Testing
import UsageCore
@testable import UsageViewModel

/// The customers table's change column: `c` cycles what it compares with (the period before, a month before, a year
/// before, nothing), each asking the other period's totals; rows carry their change and sort by it.
@Suite("Reducer: comparing the customers table with another period")
struct CompareReducerTests {
    /// The comparison load `effects` ask, with its period.
    static func comparisonLoad(_ effects: [Effect]) -> (RequestID, Period)? {
        for effect in effects {
            if case .load(let id?, .sideTotals(_, let period)) = effect { return (id, period) }
        }
        return nil
    }

    @Test func cCyclesTheComparisonAndTheTableSortsByTheChange() throws {
        var state = Fixtures.loaded(rows: 5)  // this month, 2026-11-22 12:00: totals 0, 10, 20, 30, 3
        let (id, period) = try #require(Self.comparisonLoad(state.reduce(.keyPressed(.character("c")))))
        #expect(state.comparison == .previous && state.customers.sortColumn == .change)
        #expect(
            period
                == Period(
                    start: ISO8601Parser.parse("2026-10-01T00:00:00Z")!,
                    end: ISO8601Parser.parse("2026-10-22T12:00:00Z")!),
            "this month so far against the same stretch of October")
        #expect(state.customers.rows.allSatisfy { $0.change == nil }, "no change before its totals arrive")
        let before = ["cus_0": Decimal(5), "cus_1": 10, "cus_2": 2, "cus_3": 40]  // cus_4 had nothing
        let rows = before.map {
            CustomerSummary(customer: Customer(id: $0.key, name: $0.key), total: $0.value, daily: [], lastEventAt: nil)
        }
        _ = state.reduce(.answered(id, .sideTotals(metricCode: "calls", .success(rows))))
        let shown = state.customers.visible.map { state.customers.rows[$0] }
        #expect(
            shown.map(\.summary.customer.id) == ["cus_2", "cus_4", "cus_1", "cus_0", "cus_3"], "largest rise first")
        #expect(shown.map(\.change) == [18, 3, 0, -5, -10])
        #expect(
            state.message?.text == "compared vs last month: c for another, :compare off")
        let (_, monthBefore) = try #require(Self.comparisonLoad(state.reduce(.keyPressed(.character("c")))))
        #expect(state.comparison == .lastMonth && monthBefore == period, "this month: the same stretch")
        #expect(state.customers.rows.allSatisfy { $0.change == nil }, "the old comparison's totals are dropped")
        let (_, yearBefore) = try #require(Self.comparisonLoad(state.reduce(.keyPressed(.character("c")))))
        #expect(
            state.comparison == .lastYear && yearBefore.start == ISO8601Parser.parse("2025-11-01T00:00:00Z"))
        let off = state.reduce(.keyPressed(.character("c")))
        #expect(Self.comparisonLoad(off) == nil && state.comparison == nil)
        #expect(state.customers.sortColumn == .total, "back to the total")
        for _ in 0..<SortColumn.allCases.count {
            _ = state.reduce(.keyPressed(.character("s")))
            #expect(state.customers.sortColumn != .change, "s skips the change while nothing is compared")
        }
    }

    @Test func aNewQuestionAsksTheComparisonAgain() throws {
        var state = Fixtures.loaded(rows: 3)
        _ = state.reduce(.keyPressed(.character("c")))
        let effects = state.reduce(.keyPressed(.character("]")))
        #expect(Self.comparisonLoad(effects) != nil, "another period: its comparison is asked with its rows")
        let metric = state.reduce(.keyPressed(.character("m")))
        #expect(Self.comparisonLoad(metric) != nil, "another metric too")
    }

    @Test func theCommandLineNamesTheComparison() {
        var state = Fixtures.loaded(rows: 3)
        for (typed, expected) in [("last-year", Comparison.lastYear), ("previous", .previous)] {
            _ = state.reduce(.keyPressed(.character(":")))
            _ = state.reduce(.keyPressed(.text("compare \(typed)")))
            _ = state.reduce(.keyPressed(.enter))
            #expect(state.comparison == expected)
        }
        _ = state.reduce(.keyPressed(.character(":")))
        _ = state.reduce(.keyPressed(.text("compare off")))
        _ = state.reduce(.keyPressed(.enter))
        #expect(state.comparison == nil)
    }
}

/// Status messages belong to the view they were said in and expire: a note lasts 8 s on the clock, and leaving the
/// view takes it away (it never sticks across views for minutes).
@Suite("Reducer: status messages expire and stay with their view")
struct StatusMessageLifetimeTests {
    @Test func aNoteExpiresOnTheClockAndWithItsView() {
        var state = Fixtures.loaded(rows: 3)
        _ = state.reduce(.keyPressed(.character("c")))
        #expect(state.message?.text.hasPrefix("compared") == true)
        _ = state.reduce(.ticked(Fixtures.now.addingTimeInterval(5)))
        #expect(state.message != nil, "still there after 5 s")
        _ = state.reduce(.ticked(Fixtures.now.addingTimeInterval(9)))
        #expect(state.message == nil, "gone after 8 s")
        _ = state.reduce(.keyPressed(.character("c")))
        #expect(state.message != nil)
        _ = state.reduce(.keyPressed(.enter))
        #expect(state.screenKind == .customerUsage && state.message == nil, "left with its view")
    }
}
