import Foundation
import Testing
import UsageCore
@testable import UsageViewModel

/// Customers found the way a person names them: words in any order, names instead of ids.
@Suite("Finding customers")
struct FindingCustomersTests {
    static let customers = [
        Customer(id: "cus_1", name: "Fabrikam Labs"), Customer(id: "cus_2", name: "Fabrikam Logistics"),
        Customer(id: "cus_3", name: "Acme"), Customer(id: "cus_4", name: "Acme Labs"),
    ]

    @Test func wordsMatchInAnyOrderAndAWholeNameWins() {
        #expect(CustomerMatch.matches("lab fab", in: Self.customers).map(\.id) == ["cus_1"])
        #expect(CustomerMatch.matches("FABRIKAM", in: Self.customers).map(\.id) == ["cus_1", "cus_2"])
        #expect(CustomerMatch.matches("acme", in: Self.customers).map(\.id) == ["cus_3"], "the whole name beats a part")
        #expect(CustomerMatch.matches("cus_4", in: Self.customers).map(\.id) == ["cus_4"])
        #expect(CustomerMatch.matches("  ", in: Self.customers).isEmpty)
    }

    @Test func theTableFilterTakesWordsInAnyOrder() {
        var state = Fixtures.loaded(rows: 0)
        let rows = Self.customers.map { CustomerSummary(customer: $0, total: 1, daily: [], lastEventAt: nil) }
        state.customers.setRows(rows, visibleRows: 10)
        state.customers.setFilter("fab lab", visibleRows: 10)
        #expect(state.customers.visible.map { state.customers.rows[$0].summary.customer.id } == ["cus_1"])
    }

    /// `usagetop --customer fabrikam` naming two customers opens the table on those two, saying so; Esc shows all.
    @Test func aNameOfSeveralCustomersOpensTheTableOnThem() {
        var state = AppState(now: Fixtures.now, width: 80, height: 24, providerName: "local", capabilities: .all)
        state.showCandidates("fabrikam", count: 2)
        _ = state.reduce(.started(now: Fixtures.now, width: 80, height: 24))
        let rows = Self.customers.map { CustomerSummary(customer: $0, total: 1, daily: [], lastEventAt: nil) }
        state.customers.setRows(rows, visibleRows: 10)
        #expect(state.screenKind == .customers)
        #expect(state.customers.visible.map { state.customers.rows[$0].summary.customer.id } == ["cus_1", "cus_2"])
        #expect(state.message?.text == "2 customers match 'fabrikam': Enter opens one")
        _ = state.reduce(.keyPressed(.escape))
        #expect(state.customers.visible.count == Self.customers.count, "Esc clears the filter")
    }

    @Test func theDashboardCanOpenOnACustomer() {
        var state = AppState(now: Fixtures.now, width: 80, height: 24, providerName: "local", capabilities: .all)
        state.open(Self.customers[0])
        let effects = state.reduce(.started(now: Fixtures.now, width: 80, height: 24))
        #expect(state.screenKind == .customerUsage)
        #expect(effects.contains { if case .load(_, .usage("cus_1", _, _)) = $0 { true } else { false } })
        _ = state.reduce(.keyPressed(.escape))
        #expect(state.screenKind == .customers, "Esc goes back to the table")
    }
}
