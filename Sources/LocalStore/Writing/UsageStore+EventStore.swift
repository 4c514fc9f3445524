import Foundation
import GRDB
import UsageCore

/// The embedded store as an `EventStore`: ingest through `Ingestor` on a thread of its own, cursors in `sync_cursor`.
extension UsageStore: EventStore {
    public var location: String { path }

    public var reader: any UsageProvider { LocalProvider(store: self) }

    public func ingest(_ input: IngestInput, metrics: [Metric], customers: [Customer], skipInvalid: Bool)
        async throws(UsageError) -> IngestReport
    {
        try await OffPool.run { () throws(UsageError) in
            try Ingestor(store: self).ingest(input, metrics: metrics, customers: customers, skipInvalid: skipInvalid)
        }
    }

    public func syncCursor(source: String, customer: String, metric: String) async throws(UsageError) -> SyncCursor? {
        try await asyncRead { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT copied_from_ms, copied_until_ms FROM sync_cursor
                    WHERE source = ? AND customer_id = ? AND metric_code = ?
                    """,
                arguments: [source, customer, metric])
                .map { SyncCursor(from: UTCTime.date(milliseconds: $0[0]), until: UTCTime.date(milliseconds: $0[1])) }
        }
    }

    public func recordSyncCursor(_ cursor: SyncCursor, source: String, customer: String, metric: String)
        async throws(UsageError)
    {
        let (from, until) = (UTCTime.milliseconds(cursor.from), UTCTime.milliseconds(cursor.until))
        try await OffPool.run { () throws(UsageError) in
            try self.writeQuietly { db in
                try db.execute(
                    sql: """
                        INSERT INTO sync_cursor (source, customer_id, metric_code, copied_from_ms, copied_until_ms)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (source, customer_id, metric_code) DO UPDATE SET
                            copied_from_ms = excluded.copied_from_ms, copied_until_ms = excluded.copied_until_ms
                        """,
                    arguments: [source, customer, metric, from, until])
            }
        }
    }

    public func recordBilled(_ rows: [BilledRow], source: String) async throws(UsageError) {
        guard !rows.isEmpty else { return }
        try await OffPool.run { () throws(UsageError) in
            try self.write { db in try BilledQueries.write(db, rows, source: source) }
        }
    }

    public func billedRows(customer: String, period: Period) async throws(UsageError) -> [BilledRow] {
        let (startMs, endMs) = (UTCTime.milliseconds(period.start), UTCTime.milliseconds(period.end))
        return try await asyncRead { db in
            try BilledQueries.rows(db, metric: nil, customer: customer, startMs: startMs, endMs: endMs)
        }
    }
}
