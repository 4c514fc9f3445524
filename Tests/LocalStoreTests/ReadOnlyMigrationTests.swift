import Foundation
@testable import PostgresStore
import PostgresTestSupport
import Testing
import UsageCore

/// A reader that may not change the tables (a replica, a role that may only read) and finds them older than its
/// version says so in one line, naming what is missing and who can add it; tables newer than its version it reads.
@Suite("PostgreSQL tables a reader may not migrate")
struct ReadOnlyMigrationTests {
    /// A database holding the migrations before `v6-distinct-days` (or all, and `extra` recorded too), then made
    /// read-only for every new session.
    static func readOnlyDatabase(upTo last: String?, extra: [String] = []) async throws -> PostgresTarget {
        let kept = PostgresSchema.migrations.prefix { $0.name != last }
        let recorded = kept.map(\.name) + extra
        let (url, password) = try await TestPostgres.shared.freshDatabase(
            setup: kept.flatMap { PostgresMigrator.statements($0.sql) } + [
                "CREATE TABLE usagetop_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                "INSERT INTO usagetop_migration (name) VALUES " + recorded.map { "('\($0)')" }.joined(separator: ", "),
            ])
        let database = String(url.split(separator: "/").last?.split(separator: "?").first ?? "")
        _ = try await TestPostgres.shared.strings(
            "ALTER DATABASE \(database) SET default_transaction_read_only = on", in: url)
        return try PostgresTarget(url: url, password: Secret(password))
    }

    @Test(.enabled(if: TestPostgres.isInstalled, Comment(rawValue: TestPostgres.absent)))
    func olderTablesAreOneLineNamingTheMissingMigration() async throws {
        let target = try await Self.readOnlyDatabase(upTo: "v6-distinct-days")
        do {
            _ = try await PostgresUsageStore.open(target, answerWithin: .seconds(180))
            Issue.record("a read-only store with a migration missing opened")
        } catch {
            #expect(
                error.message.hasPrefix("\(target.location): cannot open: its tables are older"), "\(error.message)")
            #expect(error.message.contains("(missing v6-distinct-days)"), "\(error.message)")
            #expect(error.message.contains("may not change them"), "\(error.message)")
            #expect(!error.message.contains("\n") && !error.message.contains("PSQLError"), "\(error.message)")
        }
    }

    @Test(.enabled(if: TestPostgres.isInstalled, Comment(rawValue: TestPostgres.absent)))
    func tablesOfANewerVersionAreReadAsTheyAre() async throws {
        let target = try await Self.readOnlyDatabase(upTo: nil, extra: ["v99-from-a-newer-usagetop"])
        let store = try await PostgresUsageStore.open(target, answerWithin: .seconds(180))
        let provider = PostgresProvider(store: store)
        #expect(try await provider.customers().isEmpty)
    }
}
