import GRDB
import UsageCore

/// Writes validated events and keeps the rollups in step, inside the caller's transaction.
struct EventWriter {
    /// How many rows a batch wrote and how many were duplicates of stored transaction ids.
    struct Outcome: Sendable, Hashable {
        var inserted = 0
        var duplicates: [String] = []
    }

    private var rollups = RollupAccumulator()
    private var insert: RawStatement?
    private let maxPendingRows: Int
    private var rebuildsIndexes = false

    /// Creates a writer that merges rollups into the tables whenever `maxPendingRows` rollup rows are waiting
    /// (and at `flush`), so memory stays bounded while repeated keys are merged in memory first.
    init(maxPendingRows: Int = 1_500_000) {
        self.maxPendingRows = maxPendingRows
    }

    /// Call before the first `write` of a load: into an empty event table the secondary indexes are dropped now and
    /// built once at `flush` (SQLite builds an index from the finished table, sorted, several times faster than it
    /// inserts a million rows into it one by one). Inside the caller's transaction, so a rollback restores them.
    mutating func prepare(in db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM event)") == true else { return }
        for index in StoreSchema.secondaryEventIndexes { try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)") }
        rebuildsIndexes = true
    }

    /// Inserts events; a transaction id already stored is skipped and reported.
    mutating func write(_ events: [NewEvent], into db: Database) throws -> Outcome {
        var outcome = Outcome()
        let insert = try self.insert ?? RawStatement("""
            INSERT OR IGNORE INTO event (transaction_id, customer_id, metric_code, ts_ms, value, properties)
            VALUES (?, ?, ?, ?, ?, ?)
            """, in: db)
        self.insert = insert
        for event in events {
            insert.bind(event.transactionID)
            insert.bind(event.customerID)
            insert.bind(event.metricCode)
            insert.bind(event.timestampMs)
            insert.bind(event.value)
            insert.bind(event.propertiesJSON)
            if try insert.run() == 0 {
                outcome.duplicates.append(event.transactionID)
                continue
            }
            outcome.inserted += 1
            rollups.add(event)
            if rollups.pendingRows >= maxPendingRows { try rollups.flush(into: db) }
        }
        return outcome
    }

    /// Merges any pending rollup changes, builds the indexes `prepare` dropped and releases the prepared insert; call
    /// once, before committing.
    mutating func flush(into db: Database) throws {
        try rollups.flush(into: db)
        insert = nil
        if rebuildsIndexes {
            // SQLite's sorter may hold as much as the page cache: a quarter of the bulk cache bounds it.
            try db.execute(sql: "PRAGMA cache_size = \(Ingestor.bulkCacheKiB / 4)")
            for index in StoreSchema.secondaryEventIndexes { try db.execute(sql: index.create) }
            rebuildsIndexes = false
        }
    }
}
