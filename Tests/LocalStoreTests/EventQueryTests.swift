import Foundation
import PostgresTestSupport
import Testing
import UsageCore
@testable import LocalStore

/// The store answers event order and property filters in SQL, over every event of the period.
@Suite("Events: order and property filters")
struct EventQueryTests {
    static func store(_ kind: StoreKind) async throws -> StoreUnderTest {
        let t = try await StoreUnderTest.make(kind)
        _ = try await t.ingest(
            (0..<30).map { i in
                let status = i % 10 == 0 ? 500 : 200
                return TestStore.event(
                    "tx\(i)", "calls", "2026-11-03T10:\(i < 10 ? "0" : "")\(i):00Z",
                    #"{"status": \#(status), "endpoint": "/v1/\#(i % 2 == 0 ? "search" : "users")", "we.ird \"key": "x"}"#
                )
            })
        return t
    }

    static let period = TestStore.period("2026-11-01", "2026-12-01")
    static let calls = Metric(code: "calls", name: "Calls", aggregation: .count)

    @Test(arguments: StoreKind.available)
    func newestFirstOrOldestFirstOverAllPages(kind: StoreKind) async throws {
        let t = try await Self.store(kind)
        let newest = try await t.provider.events(
            customerID: "c1", metric: Self.calls, period: Self.period, page: 0, pageSize: 5,
            query: EventQuery())
        #expect(
            newest.items.map(\.transactionID) == ["tx29", "tx28", "tx27", "tx26", "tx25"] && newest.newestFirst == true)
        let oldest = try await t.provider.events(
            customerID: "c1", metric: Self.calls, period: Self.period, page: 1, pageSize: 5,
            query: EventQuery(newestFirst: false))
        #expect(
            oldest.items.map(\.transactionID) == ["tx5", "tx6", "tx7", "tx8", "tx9"] && oldest.newestFirst == false)
    }

    @Test(arguments: StoreKind.available)
    func propertyFiltersCountEveryEventOfThePeriodNotOnePage(kind: StoreKind) async throws {
        let t = try await Self.store(kind)
        let errors = try await t.provider.events(
            customerID: "c1", metric: Self.calls, period: Self.period, page: 0, pageSize: 2,
            query: EventQuery(matches: [EventQuery.Match(key: "status", value: "500")]))
        #expect(errors.totalCount == 3 && errors.items.map(\.transactionID) == ["tx20", "tx10"])
        let both = try await t.provider.events(
            customerID: "c1", metric: Self.calls, period: Self.period, page: 0, pageSize: 50,
            query: EventQuery(matches: [
                EventQuery.Match.parse("endpoint=/v1/search")!, EventQuery.Match.parse("status=200")!,
            ]))
        #expect(both.totalCount == 12)
        let odd = try await t.provider.events(
            customerID: "c1", metric: Self.calls, period: Self.period, page: 0, pageSize: 50,
            query: EventQuery(matches: [EventQuery.Match(key: "we.ird \"key", value: "x")]))
        #expect(odd.totalCount == 30, "a key with a dot and a quote names exactly itself")
    }

    @Test(arguments: StoreKind.available)
    func breakdownsSplitUsageByAPropertyExactly(kind: StoreKind) async throws {
        let t = try await Self.store(kind)
        _ = try await t.ingest([
            TestStore.event("g1", "gb", "2026-11-04T10:00:00Z", #"{"gb": "0.1", "region": "eu"}"#),
            TestStore.event("g2", "gb", "2026-11-04T11:00:00Z", #"{"gb": "0.2", "region": "eu"}"#),
            TestStore.event("g3", "gb", "2026-11-04T12:00:00Z", #"{"gb": "1.05", "region": "us"}"#),
            TestStore.event("g4", "gb", "2026-11-04T13:00:00Z", #"{"gb": "0.003"}"#),
        ])
        let status = try await t.provider.breakdown(
            customerID: "c1", metric: Self.calls, period: Self.period, by: "status")
        #expect(
            status == [
                BreakdownRow(value: "200", events: 27, total: 27), BreakdownRow(value: "500", events: 3, total: 3),
            ])
        let gb = Metric(code: "gb", name: "GB", aggregation: .sum, field: "gb")
        let regions = try await t.provider.breakdown(customerID: "c1", metric: gb, period: Self.period, by: "region")
        #expect(
            regions == [
                BreakdownRow(value: "us", events: 1, total: Decimal(string: "1.05")!),
                BreakdownRow(value: "eu", events: 2, total: Decimal(string: "0.3")!),
                BreakdownRow(value: nil, events: 1, total: Decimal(string: "0.003")!),
            ], "exact sums, and the events without the property in a row of their own")
    }

    @Test(arguments: StoreKind.available)
    func searchFindsTextInIdsAndPropertiesOverThePeriod(kind: StoreKind) async throws {
        let t = try await Self.store(kind)
        let users = try await t.provider.events(
            customerID: "c1", metric: Self.calls, period: Self.period, page: 0, pageSize: 5,
            query: EventQuery(text: "/V1/USERS"))
        #expect(users.totalCount == 15, "case-insensitive, over every event of the period")
        let one = try await t.provider.events(
            customerID: "c1", metric: Self.calls, period: Self.period, page: 0, pageSize: 5,
            query: EventQuery(text: "tx17"))
        #expect(one.items.map(\.transactionID) == ["tx17"])
    }
}
