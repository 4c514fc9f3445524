import StoreCore
import Logging
import PostgresNIO
import UsageCore

/// Writes validated events inside the caller's transaction: each chunk streamed by `COPY` into a staging table of
/// this transaction, then one set-based merge: each staged event's identity (subscription, transaction id) into
/// `event_key`, skipped when already held or repeated in the load, and the events whose identity went in into their
/// month's partition of the events, numbered after the last event before the load; the customers they name are added.
/// The new events are also kept in `event_fresh`, from which `RollupWriter` adds them to the rollups.
enum EventBatchWriter {
    /// Makes the staging table and the table of the new events, dropped when the transaction ends (committed or
    /// rolled back).
    static func stage(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            CREATE TEMP TABLE event_stage (
                n bigint NOT NULL, subscription_id text COLLATE "C" NOT NULL, transaction_id text COLLATE "C" NOT NULL,
                customer_id text COLLATE "C" NOT NULL, metric_code text COLLATE "C" NOT NULL, ts_ms bigint NOT NULL,
                value text COLLATE "C", properties text NOT NULL) ON COMMIT DROP
            """, logger: logger)
        try await connection.query(
            """
            CREATE TEMP TABLE event_fresh (
                seq bigint NOT NULL, customer_id text COLLATE "C" NOT NULL, metric_code text COLLATE "C" NOT NULL,
                ts_ms bigint NOT NULL, value text COLLATE "C") ON COMMIT DROP
            """, logger: logger)
    }

    /// Streams `events` into the staging table, numbered from `first` (1 for a load's first) in load order; `days` gets the UTC days they
    /// fall on (days since the epoch), whose months need a partition before the merge.
    static func copy(
        _ events: [NewEvent], from first: Int, days: inout Set<Int64>, on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        guard !events.isEmpty else { return }
        var rows = CopyText(capacity: events.count * 160)
        for (offset, event) in events.enumerated() {
            days.insert(RollupAccumulator.day(RollupAccumulator.hour(event.timestampMs)))
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

    /// Makes the partitions of the months `days` (days since the epoch, UTC) fall in that do not exist yet. Making
    /// one locks the events until the load commits, so a month's first load holds readers of raw events back that
    /// long; a month that exists costs a catalogue lookup.
    static func partition(days: Set<Int64>, on connection: PostgresConnection, logger: Logger) async throws {
        guard !days.isEmpty else { return }
        var binds = PostgresBindings(capacity: 1)
        binds.append(days.map { $0 * 86_400_000 })
        try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT usagetop_event_month(min(at_ms)) FROM unnest($1::int8[]) AS d(at_ms)
                    GROUP BY date_trunc('month', to_timestamp(floor(at_ms / 1000.0)) AT TIME ZONE 'UTC')
                    """, binds: binds), logger: logger)
    }

    /// Moves the `staged` staged rows into the events (the first of a repeated id wins) and adds the customers they
    /// name; `seq` is the last event's before the load, and the staged row numbered `n` becomes event `seq + n`.
    /// `report` gets the events inserted, the ids skipped and the first of those in load order.
    static func merge(
        staged: Int, after seq: Int64, into report: inout IngestReport, on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        var after = PostgresBindings(capacity: 1)
        after.append(seq)
        var inserted = 0
        for try await count in try await connection.query(
            PostgresQuery(unsafeSQL: mergeStatement, binds: after), logger: logger
        ).decode(Int.self) {
            inserted = count
        }
        try await connection.query("SELECT setval('event_seq', \(seq + Int64(staged)))", logger: logger)
        // Temporary tables are never analysed on their own; without counts the planner guesses a handful of rows.
        try await connection.query("ANALYZE event_fresh", logger: logger)
        report.inserted = inserted
        report.duplicateCount = staged - inserted
        guard report.duplicateCount > 0 else { return }
        var binds = PostgresBindings(capacity: 2)
        binds.append(seq)
        binds.append(IngestReport.sampleLimit)
        let rows = try await connection.query(PostgresQuery(unsafeSQL: skippedStatement, binds: binds), logger: logger)
        report.duplicateSamples = []
        for try await id in rows.decode(String.self) { report.duplicateSamples.append(id) }
    }

    /// The last event's sequence number before a load (writers take the lock one at a time, so nobody else draws
    /// from the sequence meanwhile).
    static func lastSeq(on connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        var last: Int64 = 0
        for try await seq in try await connection.query(
            "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM event_seq", logger: logger
        ).decode(Int64.self) {
            last = seq
        }
        return last
    }

    /// The staged events' identities into `event_key` in load order (a held or repeated one skipped), the events of
    /// those that went in into the events and `event_fresh`, and the customers they name; the count inserted.
    private static let mergeStatement = """
        WITH keyed AS (
            INSERT INTO event_key (subscription_id, transaction_id, seq)
            SELECT subscription_id, transaction_id, $1 + n FROM event_stage ORDER BY n
            ON CONFLICT DO NOTHING
            RETURNING seq
        ), fresh AS (
            INSERT INTO event (seq, subscription_id, transaction_id, customer_id, metric_code, ts_ms, value, properties)
            SELECT $1 + s.n, s.subscription_id, s.transaction_id, s.customer_id, s.metric_code, s.ts_ms, s.value,
                s.properties
            FROM event_stage AS s JOIN keyed AS k ON k.seq = $1 + s.n
            RETURNING seq, customer_id, metric_code, ts_ms, value
        ), kept AS (
            INSERT INTO event_fresh (seq, customer_id, metric_code, ts_ms, value)
            SELECT seq, customer_id, metric_code, ts_ms, value FROM fresh
        ), named AS (
            INSERT INTO customer (id, name) SELECT DISTINCT customer_id, customer_id FROM event_stage
            ON CONFLICT (id) DO NOTHING
        )
        SELECT count(*)::int8 FROM fresh
        """

    /// The first `$2` staged rows the merge skipped, in load order (`$1`: the last event before the load).
    private static let skippedStatement = """
        SELECT s.transaction_id FROM event_stage AS s
        WHERE NOT EXISTS (SELECT 1 FROM event_fresh AS f WHERE f.seq = $1 + s.n)
        ORDER BY s.n LIMIT $2
        """
}
