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
                "SELECT EXISTS (SELECT 1 FROM rollup_hour) OR EXISTS (SELECT 1 FROM distinct_hour) OR EXISTS (SELECT 1 FROM distinct_day)",
                logger: logger
            ).decode(Bool.self) {
                held = any
            }
            guard !held else { throw UsageError(.invalidInput, "the rollups are not empty: nothing rolled up") }
            try await RollupWriter.rollUp(from: "event", on: connection, logger: logger)
            return ((), true)
        }
    }
}
