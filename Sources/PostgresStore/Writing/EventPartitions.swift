import Logging
import PostgresNIO

/// The monthly partitions of PostgreSQL's events, as pruning sees them: the months wholly before a day are dropped
/// whole, the part before it of the month the day falls in is deleted, and the identities of every event removed go
/// from `event_key`, so an id pruned may be loaded again, as on SQLite.
enum EventPartitions {
    /// One month's partition and its half-open range in milliseconds since the epoch.
    struct Month: Sendable, Equatable {
        /// The partition's table name (`event_2026_11`).
        var name: String
        /// The first millisecond it holds.
        var from: Int64
        /// The first millisecond past it.
        var to: Int64
    }

    /// The events' partitions, oldest first, with the ranges the server holds for them.
    static func months(on connection: PostgresConnection, logger: Logger) async throws -> [Month] {
        let rows = try await connection.query(
            """
            SELECT relname::text, substring(bound FROM 'FROM \\(''?(-?[0-9]+)')::int8,
                substring(bound FROM 'TO \\(''?(-?[0-9]+)')::int8
            FROM (SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound
                FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'event'::regclass) AS p
            ORDER BY 2
            """, logger: logger)
        var months: [Month] = []
        for try await (name, from, to) in rows.decode((String, Int64, Int64).self) {
            months.append(Month(name: name, from: from, to: to))
        }
        return months
    }

    /// Deletes the events before `cutoff` of the month it falls in and the identities of every event before it;
    /// returns the months wholly before it, for `drop` once the rest of the prune is done.
    static func clear(before cutoff: Int64, on connection: PostgresConnection, logger: Logger) async throws
        -> [Month]
    {
        var whole: [Month] = []
        for month in try await months(on: connection, logger: logger) where month.from < cutoff {
            let table = quoted(month.name)
            let part = month.to <= cutoff ? "" : " AND e.ts_ms < \(cutoff)"
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        DELETE FROM event_key AS k USING \(table) AS e
                        WHERE k.subscription_id = e.subscription_id AND k.transaction_id = e.transaction_id\(part)
                        """), logger: logger)
            if month.to <= cutoff {
                whole.append(month)
            } else {
                try await connection.query(
                    PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE ts_ms < \(cutoff)"), logger: logger)
            }
        }
        return whole
    }

    /// Drops `months`' partitions. Last in a prune: a drop locks the events until the prune commits.
    static func drop(_ months: [Month], on connection: PostgresConnection, logger: Logger) async throws {
        for month in months {
            try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE \(quoted(month.name))"), logger: logger)
        }
    }

    /// `name` as a quoted identifier.
    private static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
