import Foundation
import PostgresTestSupport
import Testing
import UsageCore

/// A load reaches the store as it was sent, whatever its text: the PostgreSQL store streams it through `COPY`'s text
/// format, where a tab, newline, backslash or `\N` inside a value would otherwise split a row or turn into a null. And
/// the ids a load skips are reported alike on both stores, in the load's order.
@Suite("Loads arrive as sent on both stores")
struct LoadStreamTests {
    static let period = TestStore.period("2026-11-01", "2026-12-01")

    @Test(arguments: StoreKind.available)
    func textCOPYWouldReadAsControlArrivesAsSent(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        // Ids refuse control characters (validation says so), so those come through values; backslashes come anywhere.
        let report = try await t.ingest([
            TestStore.event(
                #"back\\slash\\N"#, "users", "2026-11-05T10:00:00Z", customer: #"c\\x"#, #"{"user": "\\N"}"#),
            TestStore.event("plain", "users", "2026-11-05T10:00:00Z", customer: #"c\\x"#, #"{"user": "\n\t\r"}"#),
            TestStore.event(#"\\N"#, "gb", "2026-11-05T11:00:00Z", #"{"gb": 1.5, "note": "a\tb\\c\nd"}"#),
        ])
        #expect(report.inserted == 3 && report.rejectedCount == 0, "\(report.lines)")
        let customer = #"c\x"#
        let users = TestStore.metric("users"), gb = TestStore.metric("gb")
        let used = try await t.provider.events(
            customerID: customer, metric: users, period: Self.period, page: 0, pageSize: 10, query: EventQuery())
        #expect(Set(used.items.map(\.transactionID)) == [#"back\slash\N"#, "plain"])
        let totals = try await t.provider.totals(customerID: customer, period: Self.period)
        #expect(
            totals.first { $0.metric.code == "users" }?.value == 2,
            "the text \\N and a newline, tab and return are two users, neither of them a null")
        let values = try await t.provider.breakdown(
            customerID: customer, metric: users, period: Self.period, by: "user")
        #expect(Set(values.compactMap(\.value)) == [#"\N"#, "\n\t\r"])
        let kept = try await t.provider.events(
            customerID: "c1", metric: gb, period: Self.period, page: 0, pageSize: 10, query: EventQuery())
        #expect(kept.items.map(\.transactionID) == [#"\N"#])
        #expect(kept.items.first?.properties["note"] == .string("a\tb\\c\nd"))
        let sum = try await t.provider.totals(customerID: "c1", period: Self.period).first { $0.metric.code == "gb" }
        #expect(sum?.value == Decimal(string: "1.5"))
    }

    @Test(arguments: StoreKind.available)
    func skippedIDsAreCountedOnceAndListedInLoadOrder(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        try await t.ingest([TestStore.event("kept", "gb", "2026-11-05T10:00:00Z", #"{"gb": 1}"#)])
        let report = try await t.ingest([
            TestStore.event("a", "gb", "2026-11-05T11:00:00Z", #"{"gb": 2}"#),
            TestStore.event("kept", "gb", "2026-11-05T12:00:00Z", #"{"gb": 40}"#),
            TestStore.event("a", "gb", "2026-11-05T13:00:00Z", #"{"gb": 80}"#),
            TestStore.event("b", "gb", "2026-11-05T14:00:00Z", #"{"gb": 4}"#),
            TestStore.event("b", "gb", "2026-11-05T15:00:00Z", #"{"gb": 160}"#),
        ])
        #expect(report.inserted == 2 && report.duplicateCount == 3, "\(report.lines)")
        #expect(report.duplicateSamples == ["kept", "a", "b"])
        let sum = try await t.provider.totals(customerID: "c1", period: Self.period).first { $0.metric.code == "gb" }
        #expect(sum?.value == 7, "the first of each id: 1 + 2 + 4")
        let events = try await t.provider.events(
            customerID: "c1", metric: TestStore.metric("gb"), period: Self.period, page: 0, pageSize: 10,
            query: EventQuery())
        #expect(events.items.map(\.transactionID) == ["b", "a", "kept"], "newest first")
    }
}
