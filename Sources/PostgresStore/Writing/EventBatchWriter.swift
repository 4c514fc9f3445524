import StoreCore
import Logging
import PostgresNIO
import UsageCore

/// Writes validated events inside the caller's transaction: each chunk streamed by `COPY` into a staging table of
/// this transaction, then one set-based merge into the events (a transaction id already stored for its subscription,
/// or repeated in the load, is skipped; the customers they name are added). `RollupWriter` then adds the new events to
/// the rollups.
enum EventBatchWriter {
    /// Makes the staging table, dropped when the transaction ends (committed or rolled back).
    static func stage(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            CREATE TEMP TABLE event_stage (
                n bigint NOT NULL, subscription_id text COLLATE "C" NOT NULL, transaction_id text COLLATE "C" NOT NULL,
                customer_id text COLLATE "C" NOT NULL, metric_code text COLLATE "C" NOT NULL, ts_ms bigint NOT NULL,
                value text COLLATE "C", properties text NOT NULL) ON COMMIT DROP
            """, logger: logger)
    }

    /// Streams `events` into the staging table, numbered from `first` in load order.
    static func copy(_ events: [NewEvent], from first: Int, on connection: PostgresConnection, logger: Logger)
        async throws
    {
        guard !events.isEmpty else { return }
        var rows = CopyText(capacity: events.count * 160)
        for (offset, event) in events.enumerated() {
            rows.append(Int64(first + offset))
            rows.append(event.subscriptionID)
            rows.append(event.transactionID)
            rows.append(event.customerID)
            rows.append(event.metricCode)
            rows.append(event.timestampMs)
            // Sums and maxima as the plain decimal text validation made of them; distinct keys as they are.
            rows.append(event.value.map { event.number?.text ?? $0 })
            rows.append(event.propertiesJSON)
            rows.endRow()
        }
        let buffer = rows.buffer
        try await connection.copyFrom(table: "event_stage", logger: logger) { writer in
            try await writer.write(buffer)
        }
    }

    /// Moves the `staged` staged rows into the events in load order (the first of a repeated id wins) and adds the
    /// customers they name; `seq` is the last event's before the load. `report` gets the events inserted, the ids
    /// skipped and the first of those in load order.
    static func merge(
        staged: Int, after seq: Int64, into report: inout IngestReport, on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        var inserted = 0
        for try await count in try await connection.query(PostgresQuery(unsafeSQL: mergeStatement), logger: logger)
            .decode(Int.self)
        {
            inserted = count
        }
        report.inserted = inserted
        report.duplicateCount = staged - inserted
        guard report.duplicateCount > 0 else { return }
        // Skipped rows: their id is not among this load's events, or an earlier row of the load took it.
        var binds = PostgresBindings(capacity: 2)
        binds.append(seq)
        binds.append(IngestReport.sampleLimit)
        let rows = try await connection.query(PostgresQuery(unsafeSQL: skippedStatement, binds: binds), logger: logger)
        report.duplicateSamples = []
        for try await id in rows.decode(String.self) { report.duplicateSamples.append(id) }
    }

    /// The last event's sequence number before a load.
    static func lastSeq(on connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        var last: Int64 = 0
        for try await seq in try await connection.query("SELECT COALESCE(max(seq), 0) FROM event", logger: logger)
            .decode(Int64.self)
        {
            last = seq
        }
        return last
    }

    /// The staged events into the events (a repeated id skipped) and the customers they name; the count inserted.
    private static let mergeStatement = """
        WITH fresh AS (
            INSERT INTO event (subscription_id, transaction_id, customer_id, metric_code, ts_ms, value, properties)
            SELECT subscription_id, transaction_id, customer_id, metric_code, ts_ms, value, properties
            FROM event_stage ORDER BY n
            ON CONFLICT (subscription_id, transaction_id) DO NOTHING
            RETURNING 1
        ), named AS (
            INSERT INTO customer (id, name) SELECT DISTINCT customer_id, customer_id FROM event_stage
            ON CONFLICT (id) DO NOTHING
        )
        SELECT count(*)::int8 FROM fresh
        """

    /// The first `$2` staged rows the merge skipped, in load order (`$1`: the last event before the load).
    private static let skippedStatement = """
        SELECT transaction_id FROM (
            SELECT s.n, s.transaction_id, e.seq,
                row_number() OVER (PARTITION BY s.subscription_id, s.transaction_id ORDER BY s.n) AS k
            FROM event_stage AS s LEFT JOIN event AS e ON e.subscription_id = s.subscription_id
                AND e.transaction_id = s.transaction_id AND e.seq > $1
        ) AS x
        WHERE seq IS NULL OR k > 1 ORDER BY n LIMIT $2
        """
}
