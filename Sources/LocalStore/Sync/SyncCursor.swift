import Foundation
import GRDB
import UsageCore

/// How far a sync has copied one customer's events of one metric from one source (`sync_cursor`).
enum SyncCursor {
    /// The end of the last complete copy, or nil before the first.
    static func read(store: UsageStore, source: String, customer: String, metric: String) async throws(UsageError) -> Date? {
        try await store.asyncRead { db in
            try Int64.fetchOne(
                db, sql: "SELECT copied_until_ms FROM sync_cursor WHERE source = ? AND customer_id = ? AND metric_code = ?",
                arguments: [source, customer, metric])
        }.map(UTCTime.date(milliseconds:))
    }

    /// Records a complete copy up to `until`.
    static func write(store: UsageStore, source: String, customer: String, metric: String, until: Date) async throws(UsageError) {
        let until = UTCTime.milliseconds(until)
        try await OffPool.run { () throws(UsageError) in
            try store.writeQuietly { db in
                try db.execute(
                    sql: """
                        INSERT INTO sync_cursor (source, customer_id, metric_code, copied_until_ms) VALUES (?, ?, ?, ?)
                        ON CONFLICT (source, customer_id, metric_code) DO UPDATE SET copied_until_ms = excluded.copied_until_ms
                        """,
                    arguments: [source, customer, metric, until])
            }
        }
    }
}
