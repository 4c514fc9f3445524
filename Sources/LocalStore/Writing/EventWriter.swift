import GRDB
import StoreCore
import UsageCore

/// Writes validated events and merges their rollups, inside the caller's transaction.
///
/// Rollups are accumulated by the caller (ingest does it on its parsing thread, off this one's critical path) and
/// handed to `merge`; events that `write` skipped as duplicates are taken back from them first.
struct EventWriter {
    /// How many rows a batch wrote and how many were duplicates of stored transaction ids.
    struct Outcome: Sendable, Hashable {
        var inserted = 0
        var duplicates: [String] = []
    }

    private var insert: RawStatement?
    private var rebuildsIndexes = false
    /// Events `write` skipped since the last `merge`, to take back from the rollups that counted them.
    private var skipped: [NewEvent] = []
    private var staleMaxima: Set<RollupAccumulator.StaleMaximum> = []

    /// Call before the first `write` of a load: into an empty event table the secondary indexes are dropped now and
    /// built once at `flush` (SQLite builds an index from the finished table, sorted, several times faster than it
    /// inserts a million rows into it one by one). Inside the caller's transaction, so a rollback restores them.
    mutating func prepare(in db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM event)") == true else { return }
        for index in StoreSchema.secondaryEventIndexes { try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)") }
        rebuildsIndexes = true
    }

    /// Inserts events; a transaction id already stored for the same subscription is skipped and reported.
    mutating func write(_ events: [NewEvent], into db: Database) throws -> Outcome {
        var outcome = Outcome()
        let insert =
            try self.insert
            ?? RawStatement(
                """
                INSERT OR IGNORE INTO event (subscription_id, transaction_id, customer_id, metric_code, ts_ms, value, properties)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, in: db)
        self.insert = insert
        for event in events {
            insert.bind(event.subscriptionID)
            insert.bind(event.transactionID)
            insert.bind(event.customerID)
            insert.bind(event.metricCode)
            insert.bind(event.timestampMs)
            insert.bind(event.value)
            insert.bind(event.propertiesJSON)
            if try insert.run() == 0 {
                outcome.duplicates.append(event.transactionID)
                skipped.append(event)
            } else {
                outcome.inserted += 1
            }
        }
        return outcome
    }

    /// Merges rollups that counted every event written since the last merge (duplicates included: they are taken
    /// back here), and empties them.
    mutating func merge(_ rollups: inout RollupAccumulator, into db: Database) throws {
        for event in skipped { rollups.remove(event) }
        skipped.removeAll()
        staleMaxima.formUnion(try rollups.flush(into: db))
    }

    /// Builds the indexes `prepare` dropped, reads again the maxima duplicates made stale and releases the prepared
    /// insert; call once, after the last `merge` and before committing.
    mutating func flush(into db: Database) throws {
        insert = nil
        if rebuildsIndexes {
            // SQLite's sorter holds as much as the page cache before it writes a sorted run: with an 8 MiB cache and
            // a helper thread, runs are sorted on the second core while this one reads the table (0.70 s for both
            // indexes of a million events against 0.95 s with one 32 MiB run).
            try db.execute(sql: "PRAGMA cache_size = \(Ingestor.bulkCacheKiB / 16); PRAGMA threads = 2")
            defer { try? db.execute(sql: "PRAGMA threads = 0") }
            for index in StoreSchema.secondaryEventIndexes { try db.execute(sql: index.create) }
            rebuildsIndexes = false
        }
        for row in staleMaxima { try Self.recompute(row, in: db) }
        staleMaxima.removeAll()
    }

    /// Sets a rollup row's maximum from the stored events of its slot (all customers' for the customer id `""`).
    private static func recompute(_ row: RollupAccumulator.StaleMaximum, in db: Database) throws {
        let width: Int64 = row.table == "rollup_day" ? 86_400_000 : 3_600_000
        let everyone = row.customer == StoreTables.allCustomers
        try db.execute(
            sql: """
                UPDATE \(row.table) SET max_value = (
                    SELECT dec_max_agg(value) FROM event
                    WHERE metric_code = :metric\(everyone ? "" : " AND customer_id = :customer") AND ts_ms >= :start AND ts_ms < :end)
                WHERE metric_code = :metric AND customer_id = :customer AND slot = :slot
                """,
            arguments: [
                "metric": row.metric, "customer": row.customer, "slot": row.slot,
                "start": row.slot * width, "end": (row.slot + 1) * width,
            ])
    }
}
