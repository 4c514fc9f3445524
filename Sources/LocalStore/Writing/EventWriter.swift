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
    private let maxPendingRows: Int

    /// Creates a writer that merges rollups into the tables whenever `maxPendingRows` rollup rows are waiting
    /// (and at `flush`), so memory stays bounded while repeated keys are merged in memory first.
    init(maxPendingRows: Int = 1_500_000) {
        self.maxPendingRows = maxPendingRows
    }

    /// Inserts events; a transaction id already stored is skipped and reported.
    mutating func write(_ events: [NewEvent], into db: Database) throws -> Outcome {
        var outcome = Outcome()
        let insert = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO event (transaction_id, customer_id, metric_code, ts_ms, value, properties)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        for event in events {
            try insert.execute(arguments: [
                event.transactionID, event.customerID, event.metricCode, event.timestampMs, event.value,
                event.propertiesJSON,
            ])
            if db.changesCount == 0 {
                outcome.duplicates.append(event.transactionID)
                continue
            }
            outcome.inserted += 1
            rollups.add(event)
            if rollups.pendingRows >= maxPendingRows { try flush(into: db) }
        }
        return outcome
    }

    /// Merges any pending rollup changes; call before committing.
    mutating func flush(into db: Database) throws {
        try rollups.flush(into: db)
    }
}
