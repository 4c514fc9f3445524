import StoreCore
import Logging
import PostgresNIO
import UsageCore

/// Writes validated events inside the caller's transaction: each chunk in one statement (a transaction id already
/// stored is skipped; the customers they name are added), then, once for the whole load, every rollup they change,
/// summed by the server in exact `numeric` from the rows actually inserted, so a repeated id never counts twice.
enum EventBatchWriter {
    /// Inserts `events`; returns how many were new and the ids skipped as already stored for their subscription (or
    /// repeated in `events`).
    static func write(_ events: [NewEvent], on connection: PostgresConnection, logger: Logger) async throws
        -> (inserted: Int, duplicates: [String])
    {
        guard !events.isEmpty else { return (0, []) }
        var binds = PostgresBindings(capacity: 8)
        binds.append(events.map(\.transactionID))
        binds.append(events.map(\.customerID))
        binds.append(events.map(\.metricCode))
        binds.append(events.map(\.timestampMs))
        // Sums and maxima as the plain decimal text validation made of them; distinct keys as they are.
        binds.append(events.map { $0.number?.text ?? $0.value ?? "" })
        binds.append(events.map { $0.value != nil })
        binds.append(events.map(\.propertiesJSON))
        binds.append(events.map(\.subscriptionID))
        let rows = try await connection.query(PostgresQuery(unsafeSQL: statement, binds: binds), logger: logger)
        var fresh = Set<[String]>()
        for try await (subscription, id) in rows.decode((String, String).self) { fresh.insert([subscription, id]) }
        var duplicates: [String] = []
        for event in events where fresh.remove([event.subscriptionID, event.transactionID]) == nil {
            duplicates.append(event.transactionID)
        }
        return (events.count - duplicates.count, duplicates)
    }

    /// Adds every event inserted after `seq` (this transaction's, writers being one at a time) to the rollups, in one
    /// pass: one grouping of the whole load is cheaper than one per chunk.
    static func rollUp(after seq: Int64, on connection: PostgresConnection, logger: Logger) async throws {
        var binds = PostgresBindings(capacity: 1)
        binds.append(seq)
        try await connection.query(PostgresQuery(unsafeSQL: rollupStatement, binds: binds), logger: logger)
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

    /// The events (a repeated id skipped) and the customers they name.
    private static let statement = """
        WITH input AS (
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::text[], $6::bool[], $7::text[], $8::text[])
                WITH ORDINALITY AS t(transaction_id, customer_id, metric_code, ts_ms, value, has_value, properties, subscription_id, n)
        ), fresh AS (
            INSERT INTO event (subscription_id, transaction_id, customer_id, metric_code, ts_ms, value, properties)
            SELECT subscription_id, transaction_id, customer_id, metric_code, ts_ms, CASE WHEN has_value THEN value END, properties
            FROM input ORDER BY n
            ON CONFLICT (subscription_id, transaction_id) DO NOTHING
            RETURNING subscription_id, transaction_id
        ), named AS (
            INSERT INTO customer (id, name) SELECT DISTINCT customer_id, customer_id FROM input
            ON CONFLICT (id) DO NOTHING
        )
        SELECT subscription_id, transaction_id FROM fresh
        """

    /// The rollups of the events after `$1`, added into the tables (slots: floor divisions, events before 1970
    /// included).
    private static let rollupStatement = """
        WITH valued AS (
            SELECT f.metric_code, f.customer_id, (f.ts_ms - ((f.ts_ms % 3600000) + 3600000) % 3600000) / 3600000 AS hour,
                CASE WHEN m.aggregation = 'sum' THEN f.value::numeric END AS added,
                CASE WHEN m.aggregation = 'max' THEN f.value::numeric END AS largest,
                CASE WHEN m.aggregation = 'unique_count' THEN f.value END AS distinct_value
            FROM event AS f JOIN metric AS m ON m.code = f.metric_code WHERE f.seq > $1
        ), hours AS (
            INSERT INTO rollup_hour AS r (metric_code, customer_id, slot, event_count, sum_value, max_value)
            SELECT metric_code, COALESCE(customer_id, ''), hour, count(*), sum(added), max(largest) FROM valued
            GROUP BY GROUPING SETS ((metric_code, customer_id, hour), (metric_code, hour))
            ON CONFLICT (metric_code, customer_id, slot) DO UPDATE SET event_count = r.event_count + excluded.event_count,
                sum_value = CASE WHEN excluded.sum_value IS NULL THEN r.sum_value
                                 ELSE COALESCE(r.sum_value, 0) + excluded.sum_value END,
                max_value = GREATEST(r.max_value, excluded.max_value)
        ), days AS (
            INSERT INTO rollup_day AS r (metric_code, customer_id, slot, event_count, sum_value, max_value)
            SELECT metric_code, COALESCE(customer_id, ''), day, count(*), sum(added), max(largest)
            FROM (SELECT *, (hour - ((hour % 24) + 24) % 24) / 24 AS day FROM valued) AS v
            GROUP BY GROUPING SETS ((metric_code, customer_id, day), (metric_code, day))
            ON CONFLICT (metric_code, customer_id, slot) DO UPDATE SET event_count = r.event_count + excluded.event_count,
                sum_value = CASE WHEN excluded.sum_value IS NULL THEN r.sum_value
                                 ELSE COALESCE(r.sum_value, 0) + excluded.sum_value END,
                max_value = GREATEST(r.max_value, excluded.max_value)
        )
        INSERT INTO distinct_hour (metric_code, customer_id, slot, value)
        SELECT DISTINCT v.metric_code, w.customer_id, v.hour, v.distinct_value
        FROM valued AS v CROSS JOIN LATERAL (VALUES (v.customer_id), ('')) AS w(customer_id)
        WHERE v.distinct_value IS NOT NULL
        ON CONFLICT DO NOTHING
        """
}
