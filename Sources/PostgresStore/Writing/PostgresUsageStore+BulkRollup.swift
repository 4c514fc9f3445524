import Logging
import PostgresNIO
import UsageCore

extension PostgresUsageStore {
    /// Adds every event the store holds to its empty rollups, through the same statements a load uses: for a store
    /// whose events were put in by SQL at a scale no load path reaches quickly (the scale benchmark's 100 million).
    /// Refused when the rollups hold anything, which would then count twice.
    package func rollUpHeldEvents() async throws(UsageError) {
        try await write { [logger] connection in
            var held = false
            for try await any in try await connection.query(
                "SELECT EXISTS (SELECT 1 FROM rollup_hour) OR EXISTS (SELECT 1 FROM distinct_hour)", logger: logger
            ).decode(Bool.self) {
                held = any
            }
            guard !held else { throw UsageError(.invalidInput, "the rollups are not empty: nothing rolled up") }
            // The load's new rows are read from `event_fresh`: here, every event.
            try await connection.query(
                "CREATE TEMP VIEW event_fresh AS SELECT seq, customer_id, metric_code, ts_ms, value FROM event",
                logger: logger)
            try await RollupWriter.rollUp(on: connection, logger: logger)
            try await connection.query("DROP VIEW event_fresh", logger: logger)
            return ((), true)
        }
    }
}
