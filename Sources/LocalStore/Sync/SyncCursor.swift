import Foundation
import GRDB
import UsageCore

/// The stretch of time a sync has copied of one customer's events of one metric from one source (`sync_cursor`).
struct SyncCursor: Sendable, Hashable {
    /// The start and end of what was copied.
    var from: Date
    var until: Date

    /// What to read to cover `since` to `now`: before a first copy all of it; after one, the time before what was
    /// copied (when `since` is earlier) and the time since the end of it, less `overlap` (events that arrive late).
    static func windows(_ cursor: SyncCursor?, since: Date, now: Date, overlap: TimeInterval)
        -> (older: Period?, recent: Period?)
    {
        guard let cursor else { return (nil, since < now ? Period(start: since, end: now) : nil) }
        let older = since < cursor.from ? Period(start: since, end: cursor.from) : nil
        let start = max(since, cursor.until.addingTimeInterval(-overlap))
        return (older, start < now ? Period(start: start, end: now) : nil)
    }

    /// The stretch copied for a customer's metric, or nil before the first copy.
    static func read(store: UsageStore, source: String, customer: String, metric: String) async throws(UsageError) -> SyncCursor? {
        try await store.asyncRead { db in
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

    /// Records that everything from `from` to `until` is copied.
    static func write(store: UsageStore, source: String, customer: String, metric: String, _ cursor: SyncCursor)
        async throws(UsageError)
    {
        let (from, until) = (UTCTime.milliseconds(cursor.from), UTCTime.milliseconds(cursor.until))
        try await OffPool.run { () throws(UsageError) in
            try store.writeQuietly { db in
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
}
