import Foundation
import StoreCore
import Logging
import PostgresNIO
import UsageCore

/// The PostgreSQL store's `billed_total` table: readings written by sync, read for the metrics billed by a provider.
enum PostgresBilled {
    /// Readings of `metric` (and `customer`, else every customer) whose period overlaps `[startMs, endMs)`.
    static func rows(
        metric: String?, customer: String?, startMs: Int64, endMs: Int64, on connection: PostgresConnection,
        logger: Logger
    ) async throws -> [BilledRow] {
        var sql = SQLText()
        var filter = "period_start_ms < \(sql.bind(endMs)) AND period_end_ms > \(sql.bind(startMs))"
        if let metric { filter += " AND metric_code = \(sql.bind(metric))" }
        if let customer { filter += " AND customer_id = \(sql.bind(customer))" }
        sql.append(
            """
            SELECT customer_id, metric_code, charge, period_start_ms, period_end_ms, value::text, event_count, amount_cents,
                   currency, taken_ms, source, subscription, charge_id
            FROM billed_total WHERE \(filter)
            """)
        var rows: [BilledRow] = []
        for try await row in try await connection.query(sql.query, logger: logger)
            .decode(
                (String, String, String, Int64, Int64, String, Int64?, Int64?, String?, Int64, String, String, String)
                    .self)
        {
            var reading = BilledRow(
                customerID: row.0, metricCode: row.1, charge: row.2,
                period: Period(start: UTCTime.date(milliseconds: row.3), end: UTCTime.date(milliseconds: row.4)),
                value: DecimalText.parse(row.5) ?? 0, eventCount: row.6.map(Int.init), amountCents: row.7.map(Int.init),
                currency: row.8, takenMs: row.9, subscription: row.11, chargeID: row.12)
            reading.provider = BilledRow.provider(ofSource: row.10)
            rows.append(reading)
        }
        return rows
    }

    /// Writes readings from `source`, each replacing the one kept for its period and day.
    static func write(_ rows: [BilledRow], source: String, on connection: PostgresConnection, logger: Logger)
        async throws
    {
        for row in rows {
            try await connection.query(
                """
                INSERT INTO billed_total (metric_code, customer_id, source, charge, period_start_ms, period_end_ms, kept_day,
                                          taken_ms, value, event_count, amount_cents, currency, subscription, charge_id)
                VALUES (\(row.metricCode), \(row.customerID), \(source), \(row.charge), \(row.startMs), \(row.endMs),
                        \(row.keptDay), \(row.takenMs), \(DecimalText.format(row.value))::numeric,
                        \(row.eventCount.map(Int64.init)), \(row.amountCents.map(Int64.init)), \(row.currency),
                        \(row.subscription), \(row.chargeID))
                ON CONFLICT (customer_id, metric_code, source, subscription, charge_id, charge, period_start_ms, period_end_ms,
                             kept_day) DO UPDATE SET
                    taken_ms = excluded.taken_ms, value = excluded.value, event_count = excluded.event_count,
                    amount_cents = excluded.amount_cents, currency = excluded.currency
                """, logger: logger)
        }
    }
}
