import Foundation
import Testing
import UsageCore
@testable import UsageViewModel

/// `$` and `:reconcile`: the bills of the customer under the cursor (or every customer's) checked against their
/// events, asserted as whole states.
@Suite("Reducer: reconcile as whole states")
struct ReconcileReducerTests {
    static func report(_ customer: Customer, billed: Decimal) -> ReconcileReport {
        let period = Period(
            start: Date(timeIntervalSince1970: 1_761_955_200), end: Date(timeIntervalSince1970: 1_764_547_200))
        var line = ReconcileLine(
            customer: customer, subscription: "sub_1", metricCode: "calls", charge: nil, period: period,
            isInvoiced: true, eventUnits: 12, events: 12, billedUnits: billed, billedEvents: nil, repriced: 120,
            billed: NSDecimalNumber(decimal: billed * 10).intValue, currency: "EUR", plan: "starter")
        line.causes = billed == 12 ? [] : ["late events"]
        return ReconcileReport(period: period, lines: [line])
    }

    @Test func dollarChecksTheCustomerUnderTheCursorAndItsAnswerLands() throws {
        var state = Fixtures.loaded()
        let customer = try #require(state.customers.selectedRow).summary.customer
        let opened = expectChange(&state, .keyPressed(.character("$"))) { state in
            NavigationReducerTests.pushed(
                .reconcile(ReconcileState(customerID: customer.id, customerName: customer.name)), onto: &state)
        }
        let id = try #require(Fixtures.request(opened))
        #expect(opened == [.load(id, .reconcile(customerID: customer.id, period: state.resolvedPeriod))])
        let report = Self.report(customer, billed: 10)
        expectChange(&state, .answered(id, .reconcile(.success(report)))) { state in
            let now = state.now
            state.top?.reconcileState?.data.land(id, .success(report), now: now)
            state.lastRefresh = state.now
            state.message = StatusMessage("1 of 1 charges differ", .warning)
        }
    }

    @Test func aStoreWithoutBillsSaysWhatToRunInOneLineAndKeepsTheView() throws {
        var state = Fixtures.loaded()
        let id = try #require(Fixtures.request(state.reduce(.keyPressed(.character("$")))))
        let failure = UsageError(.notFound, "no provider bills kept: run `usagetop sync --provider lago` first")
        _ = state.reduce(.answered(id, .reconcile(.failure(failure))))
        #expect(state.top?.reconcileState?.error?.contains("usagetop sync") == true)
        #expect(state.screenKind == .reconcile)
    }

    @Test func reconcileAllFromTheCommandLineChecksEveryCustomer() throws {
        var state = Fixtures.loaded()
        _ = state.reduce(.keyPressed(.character(":")))
        state.commandLine = "reconcile all"
        let effects = state.reduce(.keyPressed(.enter))
        let id = try #require(Fixtures.request(effects))
        #expect(effects.contains(.load(id, .reconcile(customerID: nil, period: state.resolvedPeriod))))
        #expect(state.top?.reconcileState?.customerID == nil)
    }

    @Test func enterOnALineOpensTheEventsOfItsBillingPeriod() throws {
        var state = Fixtures.loaded()
        let customer = try #require(state.customers.selectedRow).summary.customer
        let id = try #require(Fixtures.request(state.reduce(.keyPressed(.character("$")))))
        let report = Self.report(customer, billed: 10)
        _ = state.reduce(.answered(id, .reconcile(.success(report))))
        let opened = state.reduce(.keyPressed(.enter))
        let events = try #require(state.top?.eventsState)
        #expect(events.customerID == customer.id && events.metric.code == "calls")
        #expect(events.period == report.lines[0].period, "the line's billing period, not the dashboard's")
        #expect(opened.contains { if case .load(_, .events) = $0 { true } else { false } })
    }

    @Test func bracketChecksThePeriodBefore() throws {
        var state = Fixtures.loaded()
        _ = state.reduce(.keyPressed(.character("$")))
        let before = state.resolvedPeriod
        let effects = state.reduce(.keyPressed(.character("[")))
        #expect(state.resolvedPeriod.end == before.start, "the period before")
        #expect(
            effects.contains {
                if case .load(_, .reconcile(_, let period)) = $0 { period == state.resolvedPeriod } else { false }
            }, "\(effects)")
    }
}
