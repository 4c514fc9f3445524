import StoreCore
import Logging
import PostgresNIO
import UsageCore

/// Writes validated events inside the caller's transaction: each chunk streamed by `COPY` into a staging table of
/// this transaction, then one set-based merge: each staged event's identity (subscription, transaction id) into
/// `event_key`, skipped when already held or repeated in the load (and then taken out of the staging table), and the
/// staged rows left into their month's partition of the events, numbered after the last event before the load; the
/// customers they name are added. `RollupWriter` then adds the staged rows to the rollups.
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
    /// Afterwards the staging table holds exactly the new events, which `RollupWriter` adds to the rollups. `report`
    /// gets the events inserted, the ids skipped and the first of those in load order.
    static func merge(
        staged: Int, after seq: Int64, into report: inout IngestReport, on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        var after = PostgresBindings(capacity: 1)
        after.append(seq)
        let inserted = try await insertKeys(
            after: after, plainFirst: staged >= plainFirstRows, on: connection, logger: logger)
        try await connection.query("SELECT setval('event_seq', \(seq + Int64(staged)))", logger: logger)
        report.inserted = inserted
        report.duplicateCount = staged - inserted
        // Only a load that skipped ids has rows to take out; one of new ids only (the usual one) moves every staged row
        // as it is, with no join against the identities.
        if report.duplicateCount > 0 {
            var binds = after
            binds.append(IngestReport.sampleLimit)
            let rows = try await connection.query(
                PostgresQuery(unsafeSQL: skipStatement, binds: binds), logger: logger)
            report.duplicateSamples = []
            for try await id in rows.decode(String.self) { report.duplicateSamples.append(id) }
        }
        try await connection.query(PostgresQuery(unsafeSQL: eventStatement, binds: after), logger: logger)
        // Temporary tables are never analysed on their own; without counts the planner guesses a handful of rows.
        try await connection.query("ANALYZE event_stage", logger: logger)
    }

    /// The size from which a load's identities are first tried as plain inserts: a large load is usually of new
    /// ids only, and a small one (a sync pass's pages, which often overlap what is held) would only leave the
    /// server's log a unique-key error each time.
    static let plainFirstRows = 10_000

    /// Puts the staged identities into `event_key` and the customers they name into `customer`; the count of
    /// identities that went in. With `plainFirst`, they go in as plain inserts, half the time of a checked insert in
    /// load order; when one is already held or repeated, that statement is undone and the checked one runs instead,
    /// in which the first of a repeated id wins.
    private static func insertKeys(
        after: PostgresBindings, plainFirst: Bool, on connection: PostgresConnection, logger: Logger
    ) async throws -> Int {
        guard plainFirst else {
            return try await count(keyStatement(checked: true), binds: after, on: connection, logger: logger)
        }
        try await connection.query("SAVEPOINT new_keys", logger: logger)
        do {
            let count = try await count(keyStatement(checked: false), binds: after, on: connection, logger: logger)
            try await connection.query("RELEASE SAVEPOINT new_keys", logger: logger)
            return count
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            try await connection.query("ROLLBACK TO SAVEPOINT new_keys", logger: logger)
            try await connection.query("RELEASE SAVEPOINT new_keys", logger: logger)
            return try await count(keyStatement(checked: true), binds: after, on: connection, logger: logger)
        }
    }

    /// The single count `sql` answers.
    private static func count(
        _ sql: String, binds: PostgresBindings, on connection: PostgresConnection, logger: Logger
    ) async throws -> Int {
        var count = 0
        for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
            .decode(Int.self)
        {
            count = value
        }
        return count
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

    /// The staged events' identities into `event_key` and the customers they name; the count of identities that
    /// went in. `checked`: in load order, a held or repeated one skipped; otherwise any such one fails the statement.
    private static func keyStatement(checked: Bool) -> String {
        """
        WITH keyed AS (
            INSERT INTO event_key (subscription_id, transaction_id, seq)
            SELECT subscription_id, transaction_id, $1 + n FROM event_stage\(checked ? " ORDER BY n ON CONFLICT DO NOTHING" : "")
            RETURNING 1
        ), named AS (
            INSERT INTO customer (id, name) SELECT DISTINCT customer_id, customer_id FROM event_stage
            ON CONFLICT (id) DO NOTHING
        )
        SELECT count(*)::int8 FROM keyed
        """
    }

    /// Takes the staged rows whose identity did not go in (held before, or repeated in the load) out of the staging
    /// table; the first `$2` of their ids in load order (`$1`: the last event before the load).
    private static let skipStatement = """
        WITH skipped AS (
            DELETE FROM event_stage AS s
            WHERE NOT EXISTS (
                SELECT 1 FROM event_key AS k
                WHERE k.subscription_id = s.subscription_id AND k.transaction_id = s.transaction_id AND k.seq = $1 + s.n)
            RETURNING s.n, s.transaction_id
        )
        SELECT transaction_id FROM skipped ORDER BY n LIMIT $2
        """

    /// The staged rows, each a new event by now, into the events (`$1`: the last event before the load).
    private static let eventStatement = """
        INSERT INTO event (seq, subscription_id, transaction_id, customer_id, metric_code, ts_ms, value, properties)
        SELECT $1 + n, subscription_id, transaction_id, customer_id, metric_code, ts_ms, value, properties
        FROM event_stage
        """
}
