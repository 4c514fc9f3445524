@testable import DashboardScreens
import Foundation
import TermUI
import Testing
import UsageCore
import UsageViewModel

/// A priced provider's screens, driven through the reducer with its answers: billing periods named in the header
/// and the rows, money in its currency, charges as rows of their own, and a table filling as rows arrive.
@Suite("Golden screens: billing periods and money")
struct BillingScreenTests {
    static let now = ISO8601Parser.parse("2026-11-22T12:00:00Z")!
    static let billing = Period(start: ISO8601Parser.parse("2026-11-14")!, end: ISO8601Parser.parse("2026-12-14")!)
    static let calls = Metric(code: "api_calls", name: "API calls", aggregation: .count)
    static let seats = Metric(code: "seats", name: "Seats", aggregation: .weightedSum)

    static func started(width: Int, height: Int) -> (AppState, [Effect]) {
        var state = AppState(
            now: now, width: width, height: height, providerName: "lago", capabilities: [])
        _ = state.reduce(.started(now: now, width: width, height: height))
        _ = state.reduce(
            .answered(
                nil, .source(.success(SourceInfo(label: "lago https://api.getlago.com/api/v1", isDemoData: false)))))
        let effects = state.reduce(.answered(nil, .metrics(.success([calls, seats]))))
        return (state, effects)
    }

    static let rows = [
        CustomerSummary(
            customer: Customer(id: "acme", name: "Acme Corp", currency: "EUR"), total: 1500, daily: [],
            lastEventAt: nil,
            amounts: [Money(minorUnits: 1800, currency: "EUR")], periods: [billing]),
        CustomerSummary(
            customer: Customer(id: "yen", name: "Yen Co", currency: "JPY"), total: Decimal(string: "0.0000000001")!,
            daily: [], lastEventAt: nil, amounts: [Money(minorUnits: 2150, currency: "JPY")], periods: [billing]),
        CustomerSummary(
            customer: Customer(id: "kw", name: "KW Co", currency: "KWD"), total: 900, daily: [], lastEventAt: nil,
            amounts: [Money(minorUnits: 1234, currency: "KWD")], periods: [billing]),
    ]

    @Test func customersNameTheBillingPeriodAndPriceInEachCurrency() throws {
        var (state, effects) = Self.started(width: 120, height: 16)
        let id = try #require(
            effects.compactMap { if case .load(let id, .customers) = $0 { id } else { nil } }.first)
        _ = state.reduce(.answered(id, .customers(.success(Self.rows))))
        Snapshot.assert(DashboardRenderer.render(state, options: RenderOptions()), named: "lago-customers-120x16")
    }

    @Test func usageShowsOneRowPerChargeWithItsPeriodAndTheBill() throws {
        var (state, effects) = Self.started(width: 120, height: 16)
        let id = try #require(
            effects.compactMap { if case .load(let id, .customers) = $0 { id } else { nil } }.first)
        _ = state.reduce(.answered(id, .customers(.success(Self.rows))))
        let open = state.reduce(.keyPressed(.enter))
        let usageID = try #require(
            open.compactMap { if case .load(let id, .usage) = $0 { id } else { nil } }.first)
        let totals = [
            UsageTotal(
                metric: Self.calls, value: 1500, eventCount: 1500, amountCents: 300, currency: "EUR", charge: "Package",
                period: Self.billing),
            UsageTotal(
                metric: Self.calls, value: 1500, eventCount: 1500, amountCents: 1500, currency: "EUR",
                charge: "Per call", period: Self.billing),
            UsageTotal(
                metric: Self.seats, value: Decimal(string: "3.5")!, eventCount: 4, amountCents: 350, currency: "EUR",
                period: Self.billing),
        ]
        let bill = Bill(
            period: Self.billing, isInvoiced: false, amount: Money(minorUnits: 2150, currency: "EUR"),
            taxes: Money(minorUnits: 430, currency: "EUR"), total: Money(minorUnits: 2580, currency: "EUR"))
        let usage = CustomerUsage(customer: Self.rows[0].customer, totals: totals, series: [:], bills: [bill])
        _ = state.reduce(.answered(usageID, .usage(.success(usage))))
        Snapshot.assert(DashboardRenderer.render(state, options: RenderOptions()), named: "lago-usage-120x16")
    }

    /// A customer whose subscriptions bill different periods: each row names its subscription and period, the header
    /// names every period on screen (the one asked among them), and no amount is added across periods.
    @Test func subscriptionsOfDifferentPeriodsAreNeverAddedTogether() throws {
        var (state, effects) = Self.started(width: 120, height: 16)
        let id = try #require(
            effects.compactMap { if case .load(let id, .customers) = $0 { id } else { nil } }.first)
        var calendar = Self.rows[0], anniversary = Self.rows[0]
        (calendar.periods, calendar.subscription) = ([], "sub_cal")
        anniversary.subscription = "sub_ann"
        _ = state.reduce(.answered(id, .customers(.success([calendar, anniversary]))))
        #expect(
            state.answeredPeriods == [Self.billing, state.resolvedPeriod].sorted { $0.start < $1.start },
            "rows of the period asked beside rows of another: both are named")
        let open = state.reduce(.keyPressed(.enter))
        let usageID = try #require(
            open.compactMap { if case .load(let id, .usage) = $0 { id } else { nil } }.first)
        let totals = [
            UsageTotal(
                metric: Self.calls, value: 7, eventCount: 7, amountCents: 300, currency: "EUR", subscription: "sub_cal"),
            UsageTotal(
                metric: Self.calls, value: 9, eventCount: 9, amountCents: 500, currency: "EUR", period: Self.billing,
                subscription: "sub_ann"),
        ]
        _ = state.reduce(
            .answered(
                usageID,
                .usage(.success(CustomerUsage(customer: calendar.customer, totals: totals, series: [:], bills: [])))))
        let screen = DashboardRenderer.render(state, options: RenderOptions()).text
        #expect(!screen.contains("billed EUR 8.00"), "EUR 3.00 and EUR 5.00 are two periods' amounts, never one sum")
        #expect(screen.contains("API calls · sub_cal") && screen.contains("API calls · sub_ann"), "\(screen)")
        #expect(state.answeredPeriods.count == 2, "the billing period and the period asked")
    }

    @Test func aBreakdownShowsLagosSplitWithAmountsAndItsBillingPeriod() throws {
        var (state, effects) = Self.started(width: 120, height: 16)
        let id = try #require(
            effects.compactMap { if case .load(let id, .customers) = $0 { id } else { nil } }.first)
        _ = state.reduce(.answered(id, .customers(.success(Self.rows))))
        _ = state.reduce(.keyPressed(.enter))
        let usage = CustomerUsage(
            customer: Self.rows[0].customer,
            totals: [
                UsageTotal(
                    metric: Self.calls, value: 1500, eventCount: 1500, amountCents: 1500, currency: "EUR",
                    period: Self.billing)
            ], series: [:])
        guard case .customerUsage(let screen)? = state.stack.last, let usageID = screen.data.request else { return }
        _ = state.reduce(.answered(usageID, .usage(.success(usage))))
        let open = state.reduce(.keyPressed(.character("B")))
        let splitID = try #require(
            open.compactMap { if case .load(let id, .breakdown) = $0 { id } else { nil } }.first)
        let rows = [
            BreakdownRow(
                value: "eu", events: 1000, total: 1000, amount: Money(minorUnits: 1000, currency: "EUR"),
                periods: [Self.billing]),
            BreakdownRow(
                value: "us", events: 500, total: 500, amount: Money(minorUnits: 500, currency: "EUR"),
                periods: [Self.billing]),
        ]
        _ = state.reduce(
            .answered(
                splitID, .breakdown(.success(BreakdownAnswer(key: "region", keys: ["region", "agent"], rows: rows)))))
        let frame = DashboardRenderer.render(state, options: RenderOptions())
        #expect(frame.text.contains("numbers for 2026-11-14 → 2026-12-13"), "the header names Lago's billing period")
        Snapshot.assert(frame, named: "lago-breakdown-120x16")
    }

    @Test func aTableFillingAsRowsArriveSaysHowManyAndHowLong() throws {
        var (state, effects) = Self.started(width: 120, height: 16)
        let id = try #require(
            effects.compactMap { if case .load(let id, .customers) = $0 { id } else { nil } }.first)
        _ = state.reduce(.answered(id, .customersArriving(SummaryProgress(rows: [], loaded: 0, total: 2_000))))
        _ = state.reduce(.ticked(Self.now.addingTimeInterval(10)))
        _ = state.reduce(.answered(id, .customersArriving(SummaryProgress(rows: Self.rows, loaded: 200, total: 2_000))))
        Snapshot.assert(DashboardRenderer.render(state, options: RenderOptions()), named: "lago-filling-120x16")
    }

    @Test func rowsReportedAllAtOnceMakeNoPace() throws {
        var (state, effects) = Self.started(width: 120, height: 16)
        let id = try #require(
            effects.compactMap { if case .load(let id, .customers) = $0 { id } else { nil } }.first)
        _ = state.reduce(
            .answered(id, .customersArriving(SummaryProgress(rows: Self.rows, loaded: 120, total: 100_000))))
        _ = state.reduce(.ticked(Self.now.addingTimeInterval(2)))
        let title = DashboardRenderer.render(state, options: RenderOptions()).text
        #expect(title.contains("loading 120 of 100,000"))
        #expect(!title.contains("left"), "one report of the busiest rows says nothing of how long the rest takes")
    }

    @Test func aNonZeroValueNeverShowsAsZero() {
        #expect(Format.value(Decimal(string: "0.0000000001")!) == "0.0000000001")
        #expect(Format.value(Decimal(string: "-0.0000004")!) == "-0.0000004")
        #expect(Format.value(Decimal(string: "1234.5")!) == "1,234.5")
        #expect(Format.value(0) == "0")
    }
}
