import Foundation
import GRDB
import LocalStore
@testable import PostgresStore
import PostgresTestSupport
import Testing
import UsageCore

/// A store made before each day's distinct values were kept gets them, when it is next opened, from the hours it
/// holds: exactly the rows a load writes, so its unique counts over whole days stay exact.
@Suite("Each day's distinct values, made for stores that held only hours")
struct DistinctDayMigrationTests {
    /// Unique-count events of two customers over three days and their hours (some around midnight), with values that
    /// repeat within and across hours.
    static let lines: [String] = (0..<120).map { n in
        TestStore.event(
            "u\(n)", "users", UTCTime.iso(UTCTime.date(milliseconds: ms(n))), customer: customer(n),
            #"{"user": "p\#(n % 7)"}"#)
    }

    /// Event `n`'s time: every half hour from 2026-11-01, every third a day later.
    static func ms(_ n: Int) -> Int64 { 1_793_491_200_000 + Int64(n) * 1_800_000 + (n % 3 == 0 ? 86_399_000 : 0) }

    static func customer(_ n: Int) -> String { n % 2 == 0 ? "c1" : "c2" }

    static let contents =
        "SELECT 'v ' || metric_code || ' ' || customer_id || ' ' || slot || ' ' || value FROM distinct_day ORDER BY 1"

    @Test func theEmbeddedStoreMakesThemFromItsHours() async throws {
        let t = try await StoreUnderTest.make(.sqlite)
        try await t.ingest(Self.lines)
        let path = t.folder.appendingPathComponent("usage.sqlite").path
        let queue = try DatabaseQueue(path: path)
        let loaded = try await queue.read { db in try String.fetchAll(db, sql: Self.contents) }
        #expect(loaded.count > 20, "the load wrote each day's values")
        try await queue.write { db in
            try db.execute(
                sql: "DROP TABLE distinct_day; DELETE FROM grdb_migrations WHERE identifier = 'v7-distinct-days'")
        }
        try queue.close()
        let reopened = try UsageStore(path: path)
        let made = try await DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: Self.contents) }
        #expect(made == loaded)
        try await Self.expectExactUniqueCounts(reopened.reader)
    }

    @Test(.enabled(if: TestPostgres.isInstalled, Comment(rawValue: TestPostgres.absent)))
    func thePostgresStoreMakesThemFromItsHours() async throws {
        let (url, password) = try await TestPostgres.shared.freshDatabase()
        let target = try PostgresTarget(url: url, password: Secret(password))
        let store = try await PostgresUsageStore.open(target, answerWithin: .seconds(180))
        _ = try await store.ingest(
            .lines(Array(Self.lines.joined(separator: "\n").utf8), name: "users"), metrics: TestStore.metrics,
            customers: [], skipInvalid: false)
        let loaded = try await TestPostgres.shared.strings(Self.contents, in: url)
        #expect(loaded.count > 20, "the load wrote each day's values")
        _ = try await TestPostgres.shared.strings(
            "DELETE FROM usagetop_migration WHERE name = 'v6-distinct-days'", in: url)
        _ = try await TestPostgres.shared.strings("DROP TABLE distinct_day", in: url)
        let reopened = try await PostgresUsageStore.open(target, answerWithin: .seconds(180))
        #expect(try await TestPostgres.shared.strings(Self.contents, in: url) == loaded)
        try await Self.expectExactUniqueCounts(reopened.reader)
    }

    /// Each customer's unique users over three whole days and on each of them, against a count of the lines.
    static func expectExactUniqueCounts(_ provider: any SeriesListing) async throws {
        let start: Int64 = 1_793_491_200_000, day: Int64 = 86_400_000
        func users(_ customer: String, _ lower: Int64, _ upper: Int64) -> Decimal {
            Decimal(
                Set(
                    (0..<120).filter { self.customer($0) == customer && (lower..<upper).contains(ms($0)) }.map {
                        $0 % 7
                    }
                ).count)
        }
        let period = Period(start: UTCTime.date(milliseconds: start), end: UTCTime.date(milliseconds: start + 3 * day))
        for customer in ["c1", "c2"] {
            let series = try await provider.timeseries(
                metric: TestStore.metric("users"), customerID: customer, period: period, bucket: .day)
            #expect(series.total == users(customer, start, start + 3 * day), "\(customer)")
            let daily = (0..<3).map { users(customer, start + Int64($0) * day, start + Int64($0 + 1) * day) }
            #expect(series.points.map(\.value) == daily, "\(customer)")
        }
    }
}
