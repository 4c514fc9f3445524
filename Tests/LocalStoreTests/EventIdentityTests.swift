import Foundation
import GRDB
import PostgresTestSupport
import Testing
import UsageCore
@testable import LocalStore

/// An event is its subscription's transaction id, as Lago keys events (`external_subscription_id`,
/// `transaction_id`): the same id on two subscriptions is two events, billed twice; without a subscription the id is
/// unique in the store. Text PostgreSQL cannot hold is kept the same way on both stores.
@Suite("Event identity and text both stores keep alike")
struct EventIdentityTests {
    static let period = TestStore.period("2026-11-01", "2026-12-01")

    static func line(_ id: String, subscription: String?, customer: String = "c1", gb: String) -> String {
        let scope = subscription.map { #", "external_subscription_id": "\#($0)""# } ?? ""
        return
            #"{"transaction_id": "\#(id)", "external_customer_id": "\#(customer)"\#(scope), "code": "gb", "timestamp": "2026-11-05T10:00:00Z", "properties": {"gb": \#(gb)}}"#
    }

    @Test(arguments: StoreKind.available)
    func theSameTransactionIDOnTwoSubscriptionsIsTwoEvents(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        let report = try await t.ingest([
            Self.line("tx1", subscription: "sub_a", gb: "1"), Self.line("tx1", subscription: "sub_b", gb: "2"),
            Self.line("tx1", subscription: "sub_a", gb: "40"),  // a repeat on its own subscription
            Self.line("tx2", subscription: "sub_c", customer: "c2", gb: "4"),
            Self.line("tx2", subscription: "sub_d", customer: "c3", gb: "8"),
            Self.line("tx3", subscription: nil, gb: "16"),
            Self.line("tx3", subscription: nil, customer: "c2", gb: "32"),
        ])
        #expect(report.inserted == 5 && report.duplicateCount == 2, "\(report.lines)")
        let gb = TestStore.metric("gb")
        func total(_ customer: String) async throws -> Decimal {
            try await t.provider.totals(customerID: customer, period: Self.period).first { $0.metric.code == "gb" }?
                .value ?? -1
        }
        #expect(try await total("c1") == 19, "sub_a's 1, sub_b's 2 and the unscoped 16; the repeat on sub_a not again")
        let (c2, c3) = (try await total("c2"), try await total("c3"))
        #expect(c2 == 4 && c3 == 8, "two customers' subscriptions, one id")
        let events = try await t.provider.events(
            customerID: "c1", metric: gb, period: Self.period, page: 0, pageSize: 10,
            query: EventQuery())
        #expect(
            Set(events.items.map { "\($0.subscriptionID ?? "-")/\($0.transactionID)" }) == [
                "sub_a/tx1", "sub_b/tx1", "-/tx3",
            ])
    }

    @Test(arguments: StoreKind.available)
    func aNULInAPropertyIsKeptAsTextAndEveryFilterAndBreakdownStillAnswers(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        let report = try await t.ingest([
            TestStore.event("n1", "calls", "2026-11-05T10:00:00Z", #"{"region": "eu\u0000west", "k\u0000": 1}"#),
            TestStore.event("n2", "calls", "2026-11-05T11:00:00Z", #"{"region": "us"}"#),
            TestStore.event("n3", "users", "2026-11-05T11:00:00Z", #"{"user": "u\u0000x"}"#),
        ])
        #expect(report.inserted == 3 && report.rejectedCount == 0)
        #expect(
            report.lines.contains(#"line 1: properties hold a NUL character (U+0000): kept as the text \u0000"#),
            "\(report.lines)")
        #expect(report.notedCount == 2)
        let calls = TestStore.metric("calls")
        let rows = try await t.provider.breakdown(customerID: "c1", metric: calls, period: Self.period, by: "region")
        #expect(Set(rows.map { $0.value ?? "-" }) == [#"eu\u0000west"#, "us"])
        let found = try await t.provider.events(
            customerID: "c1", metric: calls, period: Self.period, page: 0, pageSize: 10,
            query: EventQuery(matches: [EventQuery.Match(key: "region", value: #"eu\u0000west"#)]))
        #expect(found.items.map(\.transactionID) == ["n1"])
        let users = try await t.provider.totals(customerID: "c1", period: Self.period).first {
            $0.metric.code == "users"
        }
        #expect(users?.value == 1)
    }

    @Test func anEmptyIngestKeepsTheDemoData() throws {
        let t = try TestStore()
        let made = try DemoGenerator(options: DemoOptions(customers: 3, days: 2, eventsPerDay: 2, seed: 1), now: Date())
            .generate(into: t.store)
        let report = try Ingestor(store: t.store).ingest(eventsPath: try t.file([]))
        #expect(
            !report.committed && report.keptDemoData
                && report.lines == ["no events to load: the store keeps its demo data"])
        let (count, demo) = (try t.store.eventCount(), try t.store.isDemoData())
        #expect(count == made && demo)
        let blank = try Ingestor(store: t.store).ingest(eventsPath: try t.file(["", "   "], name: "blank.jsonl"))
        let after = try t.store.eventCount()
        #expect(blank.keptDemoData && after == made, "blank lines are no events either")
    }

    @Test func aStoreFromBeforeEventIdentityKeepsEveryEvent() throws {
        let folder = TestStore.root.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("old.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try StoreSchema.migrator.migrate(queue, upTo: "v4-billed-totals")
            try queue.write { db in
                try db.execute(
                    sql: "INSERT INTO metric (code, name, aggregation, position) VALUES ('calls', 'Calls', 'count', 0)")
                for i in 0..<50 {
                    try db.execute(
                        sql: """
                            INSERT INTO event (transaction_id, customer_id, metric_code, ts_ms, value, properties)
                            VALUES (?, 'c1', 'calls', ?, NULL, '{}')
                            """, arguments: ["old\(i)", 1_793_872_800_000 + Int64(i)])
                }
            }
        }
        let store = try UsageStore(path: path)
        #expect(try store.eventCount() == 50)
        let t = try Ingestor(store: store).ingest(
            eventsPath: try TestStore().file([
                #"{"transaction_id": "old1", "external_customer_id": "c1", "code": "calls", "timestamp": "2026-11-05T10:00:00Z"}"#,
                #"{"transaction_id": "old1", "external_subscription_id": "s1", "external_customer_id": "c1", "code": "calls", "timestamp": "2026-11-05T10:00:00Z"}"#,
            ]))
        #expect(
            t.inserted == 1 && t.duplicateCount == 1, "the old id is still known; on a subscription it is another event"
        )
    }
}
