import Foundation
import GRDB
import StoreCore
import UsageCore

/// The embedded store's `billed_total` table: readings written by sync, read for the metrics billed by a provider.
enum BilledQueries {
    /// Readings of `metric` (and `customer`, else every customer) whose period overlaps `[startMs, endMs)`.
    static func rows(_ db: Database, metric: String?, customer: String?, startMs: Int64, endMs: Int64) throws
        -> [BilledRow]
    {
        var sql = """
            SELECT customer_id, metric_code, charge, period_start_ms, period_end_ms, value, event_count, amount_cents,
                   currency, taken_ms, source, subscription, charge_id
            FROM billed_total WHERE period_start_ms < ? AND period_end_ms > ?
            """
        var arguments: StatementArguments = [endMs, startMs]
        if let metric { sql += " AND metric_code = ?"; arguments += [metric] }
        if let customer { sql += " AND customer_id = ?"; arguments += [customer] }
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            var reading = BilledRow(
                customerID: row[0], metricCode: row[1], charge: row[2],
                period: Period(start: UTCTime.date(milliseconds: row[3]), end: UTCTime.date(milliseconds: row[4])),
                value: DecimalText.parse(row[5] as String) ?? 0, eventCount: row[6], amountCents: row[7],
                currency: row[8],
                takenMs: row[9], subscription: row[11], chargeID: row[12])
            reading.provider = BilledRow.provider(ofSource: row[10])
            return reading
        }
    }

    /// Writes readings from `source`, each replacing the one kept for its period and day.
    static func write(_ db: Database, _ rows: [BilledRow], source: String) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO billed_total (metric_code, customer_id, source, charge, period_start_ms, period_end_ms, kept_day,
                                          taken_ms, value, event_count, amount_cents, currency, subscription, charge_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (customer_id, metric_code, source, subscription, charge_id, charge, period_start_ms, period_end_ms,
                             kept_day) DO UPDATE SET
                    taken_ms = excluded.taken_ms, value = excluded.value, event_count = excluded.event_count,
                    amount_cents = excluded.amount_cents, currency = excluded.currency
                """)
        for row in rows {
            try statement.execute(arguments: [
                row.metricCode, row.customerID, source, row.charge, row.startMs, row.endMs, row.keptDay, row.takenMs,
                DecimalText.format(row.value), row.eventCount, row.amountCents, row.currency, row.subscription,
                row.chargeID,
            ])
        }
    }
}
