import Foundation
import Logging
import PostgresNIO
import UsageCore

/// Brings a database's usagetop tables up to date: each migration of `PostgresSchema` not yet recorded in
/// `usagetop_migration` runs in one transaction under the writers' lock, so two processes starting at once apply it
/// once. A database already up to date is only read (a role that may only read works); a database that holds other
/// tables and no usagetop ones is refused, never written.
enum PostgresMigrator {
    /// Applies the missing migrations; the check of what is applied (every opening makes it) must be answered within
    /// `checkWithin`, a migration itself (a new constraint on a large table) may take as long as it needs.
    static func migrate(_ client: PostgresClient, logger: Logger, checkWithin: Duration) async throws {
        let names = PostgresSchema.migrations.map(\.name)
        let done = try await Deadline.run(within: checkWithin, late: PostgresUsageStore.NoAnswer(limit: checkWithin)) {
            try await applied(client, logger: logger)
        }
        // A store migrated by a newer usagetop is read as it is (its later tables are the newer version's own).
        if Set(names).isSubset(of: done) { return }
        do {
            try await apply(client, logger: logger)
        } catch let failed as PostgresTransactionError {
            let cause = failed.closureError ?? failed.beginError ?? failed.commitError ?? failed.rollbackError ?? failed
            if let server = cause as? PSQLError, let state = server.serverInfo?[.sqlState],
                state == "25006" || state == "42501"
            {
                throw ReadOnly(missing: names.filter { !done.contains($0) }, empty: done.isEmpty)
            }
            throw cause
        }
    }

    /// Migrations this connection may not apply (a read-only replica, or a role that may only read): what is missing
    /// and who can add it, in one line.
    struct ReadOnly: Error, CustomStringConvertible {
        /// The migrations not yet applied.
        var missing: [String]
        /// Whether the database held no usagetop tables at all.
        var empty: Bool

        var description: String {
            let state =
                empty
                ? "it holds no usagetop tables yet"
                : "its tables are older than this usagetop (missing \(missing.joined(separator: ", ")))"
            return state
                + " and this connection may not change them (a read-only replica, or a role that may only read):"
                + " run a usagetop command that writes (sync, ingest, store prune) once on the primary, as the role"
                + " that owns the tables, then open this again"
        }
    }

    /// Applies the migrations not yet recorded, in one transaction under the writers' lock.
    private static func apply(_ client: PostgresClient, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.writerLock))", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS usagetop_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                logger: logger)
            var done = Set<String>()
            for try await name in try await connection.query("SELECT name FROM usagetop_migration", logger: logger)
                .decode(String.self)
            {
                done.insert(name)
            }
            for migration in PostgresSchema.migrations where !done.contains(migration.name) {
                for statement in statements(migration.sql) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO usagetop_migration (name) VALUES (\(migration.name))", logger: logger)
            }
        }
    }

    /// The migrations recorded; fails when the database holds other tables and none of usagetop's.
    private static func applied(_ client: PostgresClient, logger: Logger) async throws -> Set<String> {
        let probe = try await client.query(
            """
            SELECT to_regclass('usagetop_migration') IS NOT NULL,
                   EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema())
            """, logger: logger)
        var (ours, anyTables) = (false, false)
        for try await row in probe.decode((Bool, Bool).self) { (ours, anyTables) = row }
        guard ours else {
            if anyTables {
                throw UsageError(
                    .storage, "the database holds other tables and is not a usagetop store; use an empty database")
            }
            return []
        }
        var names = Set<String>()
        for try await name in try await client.query("SELECT name FROM usagetop_migration", logger: logger).decode(
            String.self)
        {
            names.insert(name)
        }
        return names
    }

    /// A migration's statements, one per `;` at a line's end outside a `$$`-quoted function body (the extended
    /// protocol runs one at a time).
    static func statements(_ sql: String) -> [String] {
        var statements: [String] = []
        var pending = ""
        for piece in sql.components(separatedBy: ";\n") {
            pending += pending.isEmpty ? piece : ";\n" + piece
            // An odd count of `$$` so far: the piece ended inside a body, whose statements are the function's own.
            guard pending.components(separatedBy: "$$").count % 2 == 1 else { continue }
            statements.append(pending)
            pending = ""
        }
        if !pending.isEmpty { statements.append(pending) }
        return statements.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .map { $0.hasSuffix(";") ? String($0.dropLast()) : $0 }.filter { !$0.isEmpty }
    }
}
