import Logging
import PostgresNIO

/// Adds a load's events to the rollups inside the load's transaction, summed by the server in exact `numeric` from the
/// rows actually inserted (so a repeated id never counts twice). The load's hours are grouped once into a table of this
/// transaction; each rollup is then updated where it holds the slot and added to where it does not, joins the planner
/// can run as joins, where an `INSERT … ON CONFLICT DO UPDATE` checks row by row (twice as slow on a million events).
enum RollupWriter {
    /// Adds the events of `source`, a table or view with their customer, metric, timestamp and value: a load's new
    /// events (`event_stage` after `EventBatchWriter.merge`) or every event held.
    static func rollUp(from source: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: hours(from: source)), logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: days), logger: logger)
        // Temporary tables are never analysed on their own; without counts the planner guesses a handful of rows.
        try await connection.query("ANALYZE hour_delta, day_delta", logger: logger)
        for (table, delta) in [("rollup_hour", "hour_delta"), ("rollup_day", "day_delta")] {
            for statement in fold(delta, into: table) {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
        }
        for (table, width) in [("distinct_hour", 3_600_000), ("distinct_day", 86_400_000)] {
            try await connection.query(
                PostgresQuery(unsafeSQL: distinctValues(from: source, into: table, width: width)), logger: logger)
        }
    }

    /// Adds `delta`'s rows to `table`: the slots it holds updated, the others inserted in the key's order (each lands
    /// beside the last in the key's index: a seventh faster than in hash order for a million events' hours).
    private static func fold(_ delta: String, into table: String) -> [String] {
        let same = "r.metric_code = x.metric_code AND r.customer_id = x.customer_id AND r.slot = x.slot"
        return [
            """
            UPDATE \(table) AS r SET event_count = r.event_count + x.event_count,
                sum_value = CASE WHEN x.sum_value IS NULL THEN r.sum_value ELSE COALESCE(r.sum_value, 0) + x.sum_value END,
                max_value = GREATEST(r.max_value, x.max_value)
            FROM \(delta) AS x WHERE \(same)
            """,
            """
            INSERT INTO \(table) (metric_code, customer_id, slot, event_count, sum_value, max_value)
            SELECT metric_code, customer_id, slot, event_count, sum_value, max_value FROM \(delta) AS x
            WHERE NOT EXISTS (SELECT 1 FROM \(table) AS r WHERE \(same))
            ORDER BY metric_code, customer_id, slot
            """,
        ]
    }

    /// The load's hours, per customer and for all customers ('') (slots: floor divisions, events before 1970
    /// included). The customers' hours are grouped first (hashed: no sort of the load's rows) and the hours of all
    /// customers from them.
    private static func hours(from source: String) -> String {
        """
        CREATE TEMP TABLE hour_delta ON COMMIT DROP AS
        WITH per_customer AS MATERIALIZED (
            SELECT metric_code, customer_id, slot, count(*) AS event_count, sum(added) AS sum_value,
                max(largest) AS max_value
            FROM (
                SELECT f.metric_code, f.customer_id,
                    (f.ts_ms - ((f.ts_ms % 3600000) + 3600000) % 3600000) / 3600000 AS slot,
                    CASE WHEN m.aggregation = 'sum' THEN f.value::numeric END AS added,
                    CASE WHEN m.aggregation = 'max' THEN f.value::numeric END AS largest
                FROM \(source) AS f JOIN metric AS m ON m.code = f.metric_code
            ) AS v
            GROUP BY metric_code, customer_id, slot
        )
        SELECT metric_code, customer_id, slot, event_count, sum_value, max_value FROM per_customer
        UNION ALL
        SELECT metric_code, '', slot, sum(event_count)::bigint, sum(sum_value), max(max_value) FROM per_customer
        GROUP BY metric_code, slot
        """
    }

    /// The load's days, from its hours.
    private static let days = """
        CREATE TEMP TABLE day_delta ON COMMIT DROP AS
        SELECT metric_code, customer_id, (slot - ((slot % 24) + 24) % 24) / 24 AS slot,
            sum(event_count)::bigint AS event_count, sum(sum_value) AS sum_value, max(max_value) AS max_value
        FROM hour_delta GROUP BY 1, 2, 3
        """

    /// The distinct values of the load's unique-count events in `table`'s slots of `width` milliseconds (hours or
    /// days), per customer and for all customers.
    private static func distinctValues(from source: String, into table: String, width: Int) -> String {
        """
        INSERT INTO \(table) (metric_code, customer_id, slot, value)
        SELECT DISTINCT f.metric_code, w.customer_id, (f.ts_ms - ((f.ts_ms % \(width)) + \(width)) % \(width)) / \(width),
            f.value
        FROM \(source) AS f JOIN metric AS m ON m.code = f.metric_code AND m.aggregation = 'unique_count'
        CROSS JOIN LATERAL (VALUES (f.customer_id), ('')) AS w(customer_id)
        WHERE f.value IS NOT NULL
        ON CONFLICT DO NOTHING
        """
    }
}
