import Foundation
@testable import PostgresStore
import PostgresTestSupport
import Testing
import UsageCore

/// A PostgreSQL store made before the events were partitioned by month keeps every event through the migration: each
/// in its month's partition with its own `seq`, its identity in `event_key` (so a resent id is still skipped), and
/// the next load numbered after the last event held.
@Suite("PostgreSQL events move into monthly partitions")
struct PartitionMigrationTests {
    @Test(.enabled(if: TestPostgres.isInstalled, Comment(rawValue: TestPostgres.absent)))
    func eventsHeldBeforeThePartitionsMoveIntoThemWithTheirIdentities() async throws {
        let before = PostgresSchema.migrations.prefix { $0.name != "v5-monthly-partitions" }
        let (url, password) = try await TestPostgres.shared.freshDatabase(
            setup: before.flatMap { PostgresMigrator.statements($0.sql) } + [
                "CREATE TABLE usagetop_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                "INSERT INTO usagetop_migration (name) VALUES "
                    + before.map { "('\($0.name)')" }.joined(separator: ", "),
                """
                INSERT INTO event (subscription_id, transaction_id, customer_id, metric_code, ts_ms, value, properties)
                VALUES ('', 'a', 'c1', 'calls', 1793491199999, NULL, '{}'),
                    ('s1', 'b', 'c1', 'calls', 1793491200000, NULL, '{}'),
                    ('s2', 'b', 'c2', 'calls', 1796428800000, NULL, '{}')
                """,
            ])
        let store = try await PostgresUsageStore.open(try PostgresTarget(url: url, password: Secret(password)))
        let placed = try await TestPostgres.shared.strings(
            "SELECT tableoid::regclass::text || ' ' || seq || ' ' || transaction_id FROM event ORDER BY seq", in: url)
        #expect(placed == ["event_2026_10 1 a", "event_2026_11 2 b", "event_2026_12 3 b"])
        let keys = try await TestPostgres.shared.strings(
            "SELECT subscription_id || '/' || transaction_id || ' ' || seq FROM event_key ORDER BY seq", in: url)
        #expect(keys == ["/a 1", "s1/b 2", "s2/b 3"])
        #expect(
            try await TestPostgres.shared.strings(
                "SELECT count(*)::text FROM pg_class WHERE relname LIKE 'event_v4%'", in: url) == ["0"])

        let lines = [
            #"{"transaction_id": "b", "external_subscription_id": "s1", "external_customer_id": "c1", "code": "calls", "timestamp": "2026-11-02T00:00:00Z", "properties": {}}"#,
            #"{"transaction_id": "d", "external_customer_id": "c1", "code": "calls", "timestamp": "2026-11-03T00:00:00Z", "properties": {}}"#,
        ]
        let report = try await store.ingest(
            .lines(Array(lines.joined(separator: "\n").utf8), name: "resent"), metrics: [TestStore.metric("calls")],
            customers: [],
            skipInvalid: false)
        #expect(report.inserted == 1 && report.duplicateSamples == ["b"], "\(report.lines)")
        let next = try await TestPostgres.shared.strings(
            "SELECT seq::text FROM event WHERE transaction_id = 'd'", in: url)
        #expect(next == ["5"], "numbered after the last event held (the skipped line drew 4)")
    }
}
