import Foundation
import GRDB
import StoreCore
import UsageCore

/// The embedded store's primitive reads, each run in the answer's one read transaction; the SQLite fast paths (the
/// customers table's C-level scan, its preview, the rollup plans) live here.
struct SQLiteReader: StoreReader {
    let session: ReadSession

    var dialect: SQLDialect { .sqlite }

    func fetch(_ statements: [SQLStatement]) async throws -> [[[SQLValue]]] {
        try await session.perform { db in try statements.map { try $0.rows(db) } }
    }

    func customerTable(_ metric: Metric, startMs: Int64, endMs: Int64, firstDay: Int64, endDay: Int64) async throws
        -> [CustomerSummary]
    {
        try await session.perform { db in
            try CustomerTable.summaries(
                db, metric: metric, startMs: startMs, endMs: endMs, firstDay: firstDay, endDay: endDay)
        }
    }

    func customerPreview(
        _ metric: Metric, startMs: Int64, endMs: Int64, firstDay: Int64, endDay: Int64, count: Int, above: Int
    ) async throws -> (rows: [CustomerSummary], customers: Int)? {
        try await session.perform { db in
            try CustomerTable.preview(
                db, metric: metric, startMs: startMs, endMs: endMs, firstDay: firstDay, endDay: endDay, count: count,
                above: above
            ).map { Preview(rows: $0.rows, customers: $0.customers) }
        }.map { ($0.rows, $0.customers) }
    }

    /// A preview as a sendable value.
    private struct Preview: Sendable {
        var rows: [CustomerSummary]
        var customers: Int
    }
}
