import Foundation
import HTTPTestSupport
import Testing
import UsageCore
@testable import RemoteProviders

/// The Lago provider against `LagoAccount` (which answers from its own events as lago-api does), each number checked
/// against a brute-force fold of the account's events: breakdowns that hold every part of a charge, table rows that
/// never add periods nobody billed together, money from the charges when the document names no currency.
@Suite("Lago against an account's own events")
struct LagoAccountContractTests {
    /// 2026-12-06T12:00:00Z: December's calendar period is under way.
    static let now = ISO8601Parser.parse("2026-12-06T12:00:00Z")!
    static let november = Period(start: ISO8601Parser.parse("2026-11-01")!, end: ISO8601Parser.parse("2026-12-01")!)

    static func date(_ text: String) -> Date { ISO8601Parser.parse(text)! }

    static func provider(_ account: LagoAccount) throws -> (LagoProvider, TestHTTPServer) {
        let server = try TestHTTPServer { account.answer($0) }
        let configuration = try APIConfiguration(
            providerName: "lago", baseURL: server.baseURL + "/api/v1", apiKey: Secret("k"))
        return (LagoProvider(api: APIClient(configuration: configuration, sleep: { _ in }, jitter: { 0 })), server)
    }

    /// 15 calls in November: 8 from the us (one of them gold tier), 4 from the eu, 3 from nowhere a filter names.
    static func regions(calendar: Bool = true) -> LagoAccount {
        let filters: [[String: [String]]] = [
            ["region": ["us"]], ["region": ["eu"]], ["region": ["us"], "tier": ["gold"]],
        ]
        let charge = LagoAccount.Charge("ch_calls", metric: "api_calls", filters: filters)
        let storage = LagoAccount.Charge("ch_gb", metric: "gb", filters: [["region": ["us", "eu"]]], centsPerUnit: 30)
        var events: [LagoAccount.Event] = []
        let regions = [
            #""us""#, #""us""#, #""us""#, #""us""#, #""us""#, #""us""#, #""us""#, #""us""#, #""eu""#, #""eu""#,
            #""eu""#, #""eu""#, #""ap""#, #""ap""#, #""ap""#,
        ]
        for (i, region) in regions.enumerated() {
            let at = date("2026-11-03T00:00:00Z").addingTimeInterval(Double(i) * 86_400)
            events.append(
                .init(
                    "c\(i)", subscription: "sub", code: "api_calls", at: at,
                    properties: ["region": region, "tier": i == 0 ? #""gold""# : #""free""#]))
            events.append(
                .init("g\(i)", subscription: "sub", code: "gb", at: at, properties: ["region": region, "gb": "1.25"]))
        }
        return LagoAccount(
            customers: [("acme", "Acme")],
            metrics: [.init("api_calls", "count_agg"), .init("gb", "sum_agg", field: "gb")],
            subscriptions: [
                .init("sub", customer: "acme", started: date("2026-06-01T00:00:00Z"), charges: [charge, storage])
            ],
            events: events, now: now)
    }

    @Test func aBreakdownHoldsEveryPartOfTheChargeAndAddsUpToItsUnits() async throws {
        let (provider, server) = try Self.provider(Self.regions())
        defer { withExtendedLifetime(server) {} }
        let calls = Metric(code: "api_calls", name: "API calls", aggregation: .count)
        #expect(
            try await provider.breakdownKeys(customerID: "acme", metric: calls, period: Self.november) == [
                "region", "tier",
            ])
        let byRegion = try await provider.breakdown(
            customerID: "acme", metric: calls, period: Self.november, by: "region")
        #expect(
            byRegion.map { "\($0.text(by: "region")) \($0.total)" } == [
                "us 7", "eu 4", "(no filter matched) 3", "us · tier=gold 1",
            ])
        #expect(byRegion.reduce(Decimal(0)) { $0 + $1.total } == 15, "the charge's 15 units, every one once")
        #expect(byRegion.map { $0.amount?.minorUnits ?? -1 } == [70, 40, 30, 10], "Lago's amount for each part")
        let byTier = try await provider.breakdown(customerID: "acme", metric: calls, period: Self.november, by: "tier")
        #expect(
            byTier.map { "\($0.text(by: "tier")) \($0.total)" }.sorted() == [
                "(no filter matched) 3", "(without tier) · region=eu 4", "(without tier) · region=us 7",
                "gold · region=us 1",
            ], "a filter on two keys is a row by either key")
        #expect(byTier.first { $0.value == "gold" }?.conditions(by: "tier")?.map(\.text) == ["tier=gold", "region=us"])
        let gb = Metric(code: "gb", name: "GB", aggregation: .sum, field: "gb")
        let storage = try await provider.breakdown(customerID: "acme", metric: gb, period: Self.november, by: "region")
        #expect(
            storage.map { "\($0.text(by: "region")) \($0.total)" } == ["us, eu 15", "(no filter matched) 3.75"],
            "us, eu is 15 of 18.75 GB, not all of it")
        do {
            _ = try await provider.breakdown(customerID: "acme", metric: calls, period: Self.november, by: "typo")
            Issue.record("a key no charge splits by gave rows")
        } catch let error as UsageError {
            #expect(error.message == "lago does not split api_calls by typo: it splits by region, tier")
        }
    }

    @Test func aUsageDocumentWithoutCurrencyStillCarriesEveryAmount() async throws {
        let account = Self.regions()
        account.omitDocumentCurrency()
        let (provider, server) = try Self.provider(account)
        defer { withExtendedLifetime(server) {} }
        let report = try await provider.report(customerID: "acme", period: Self.november)
        let calls = try #require(report.totals.first { $0.metric.code == "api_calls" })
        #expect(calls.amount == Money(minorUnits: 150, currency: "EUR"), "from the charge's amount_currency")
        #expect(report.bills.map(\.amount) == [Money(minorUnits: 150 + 563, currency: "EUR")], "and the bill")
    }

    /// A customer with a calendar and an anniversary subscription, and one billed in New York's zone (UTC-4).
    static func periods() -> LagoAccount {
        let charge = LagoAccount.Charge("ch", metric: "api_calls")
        var events: [LagoAccount.Event] = []
        for day in 0..<90 {
            let at = date("2026-09-10T06:00:00Z").addingTimeInterval(Double(day) * 86_400)
            events.append(.init("cal\(day)", subscription: "sub_cal", code: "api_calls", at: at))
            events.append(
                .init("ann\(day)", subscription: "sub_ann", code: "api_calls", at: at.addingTimeInterval(3_600)))
            events.append(
                .init("ny\(day)", subscription: "sub_ny", code: "api_calls", at: at.addingTimeInterval(-5 * 3_600)))
        }
        return LagoAccount(
            customers: [("initech", "Initech"), ("gotham", "Gotham")], metrics: [.init("api_calls", "count_agg")],
            subscriptions: [
                .init("sub_cal", customer: "initech", started: date("2026-06-01T00:00:00Z"), charges: [charge]),
                .init(
                    "sub_ann", customer: "initech", started: date("2026-06-14T00:00:00Z"), billing: .anniversary,
                    charges: [charge]),
                .init(
                    "sub_ny", customer: "gotham", started: date("2026-06-01T04:00:00Z"),
                    billing: .calendar(utcOffsetHours: -4),
                    charges: [charge]),
            ],
            events: events, now: now)
    }

    @Test func tableRowsNeverAddPeriodsNobodyBilledTogether() async throws {
        let account = Self.periods()
        let (provider, server) = try Self.provider(account)
        defer { withExtendedLifetime(server) {} }
        let calls = Metric(code: "api_calls", name: "API calls", aggregation: .count)
        let rows = try await provider.summaries(metric: calls, period: Self.november, trailingDays: 1, now: Self.now)
        let initech = rows.filter { $0.customer.id == "initech" }.sorted {
            ($0.subscription ?? "") < ($1.subscription ?? "")
        }
        #expect(
            initech.map(\.subscription) == ["sub_ann", "sub_cal"], "two subscriptions of different periods: a row each")
        for row in initech {
            let subscription = try #require(row.subscription)
            let answered = try #require(row.periods.first.map { $0 } ?? Optional(Self.november))
            #expect(row.periods.count <= 1, "one period per row: \(row.periods)")
            #expect(
                row.total
                    == account.units(
                        subscription: subscription, metric: "api_calls", start: answered.start, end: answered.end),
                "\(subscription): \(row.total)")
        }
        #expect(
            initech.first?.periods == [Period(start: Self.date("2026-11-14"), end: Self.date("2026-12-14"))],
            "the anniversary period mostly inside November answers it, not the one before")
        let gotham = try #require(rows.first { $0.customer.id == "gotham" })
        let local = Period(start: Self.date("2026-11-01T04:00:00Z"), end: Self.date("2026-12-01T04:00:00Z"))
        #expect(
            gotham.periods == [local] && gotham.subscription == nil,
            "New York's November, named, without October's four hours")
        #expect(
            gotham.total
                == account.units(subscription: "sub_ny", metric: "api_calls", start: local.start, end: local.end))
    }

    @Test func aMetricTheListDoesNotShowIsStillUsable() async throws {
        let account = LagoAccount(
            customers: [("acme", "Acme")],
            metrics: [.init("api_calls", "count_agg"), .init("hidden", "sum_agg", field: "n", listed: false)],
            subscriptions: [
                .init(
                    "sub", customer: "acme", started: Self.date("2026-06-01T00:00:00Z"),
                    charges: [.init("ch", metric: "api_calls"), .init("ch_h", metric: "hidden")])
            ],
            events: [
                .init(
                    "h1", subscription: "sub", code: "hidden", at: Self.date("2026-11-05T00:00:00Z"),
                    properties: ["n": "2.5"])
            ],
            now: Self.now)
        let (provider, server) = try Self.provider(account)
        defer { withExtendedLifetime(server) {} }
        let service = DataService(provider: provider)
        let hidden = try await service.metric(code: "hidden")
        #expect(hidden.aggregation == .sum)
        let rows = try await service.summaries(metric: hidden, period: Self.november, trailingDays: 1, now: Self.now)
        #expect(rows.first?.total == Decimal(string: "2.5"))
    }
}
