import Foundation
import UsageCore

/// The `billed_total` table's statements, written once for both stores: readings written by sync, read for the
/// metrics billed by a provider.
package enum BilledSQL {
    /// Readings of `metric` (and `customer`, else every customer) whose period overlaps `[startMs, endMs)`.
    package static func select(
        metric: String?, customer: String?, startMs: Int64, endMs: Int64, in dialect: SQLDialect
    ) -> SQLStatement {
        var sql = SQLStatement(dialect)
        var filter = "period_start_ms < \(sql.bind(endMs)) AND period_end_ms > \(sql.bind(startMs))"
        if let metric { filter += " AND metric_code = \(sql.bind(metric))" }
        if let customer { filter += " AND customer_id = \(sql.bind(customer))" }
        sql.append(
            """
            SELECT customer_id, metric_code, charge, period_start_ms, period_end_ms, \(dialect.decimalText("value")),
                   event_count, amount_cents, currency, taken_ms, source, subscription, charge_id
            FROM billed_total WHERE \(filter)
            """)
        sql.columns = [
            .text, .text, .text, .integer, .integer, .text, .integer, .integer, .text, .integer, .text, .text, .text,
        ]
        return sql
    }

    /// A reading from a row of `select`.
    package static func reading(_ row: [SQLValue]) -> BilledRow {
        let text = { (index: Int) in row[index].text ?? "" }
        let integer = { (index: Int) in row[index].integer ?? 0 }
        var reading = BilledRow(
            customerID: text(0), metricCode: text(1), charge: text(2),
            period: Period(start: UTCTime.date(milliseconds: integer(3)), end: UTCTime.date(milliseconds: integer(4))),
            value: DecimalText.parse(text(5)) ?? 0, eventCount: row[6].integer.map(Int.init),
            amountCents: row[7].integer.map(Int.init), currency: row[8].text, takenMs: integer(9),
            subscription: text(11), chargeID: text(12))
        reading.provider = BilledRow.provider(ofSource: text(10))
        return reading
    }

    /// Writes `row` from `source`, replacing the reading kept for its period and day.
    package static func upsert(_ row: BilledRow, source: String, in dialect: SQLDialect) -> SQLStatement {
        var sql = SQLStatement(dialect)
        let values = [
            sql.bind(row.metricCode), sql.bind(row.customerID), sql.bind(source), sql.bind(row.charge),
            sql.bind(row.startMs), sql.bind(row.endMs), sql.bind(row.keptDay), sql.bind(row.takenMs),
            dialect.decimalParameter(sql.bind(DecimalText.format(row.value))), sql.bind(row.eventCount),
            sql.bind(row.amountCents), sql.bind(row.currency), sql.bind(row.subscription), sql.bind(row.chargeID),
        ]
        sql.append(
            """
            INSERT INTO billed_total (metric_code, customer_id, source, charge, period_start_ms, period_end_ms, kept_day,
                                      taken_ms, value, event_count, amount_cents, currency, subscription, charge_id)
            VALUES (\(values.joined(separator: ", ")))
            ON CONFLICT (customer_id, metric_code, source, subscription, charge_id, charge, period_start_ms, period_end_ms,
                         kept_day) DO UPDATE SET
                taken_ms = excluded.taken_ms, value = excluded.value, event_count = excluded.event_count,
                amount_cents = excluded.amount_cents, currency = excluded.currency
            """)
        return sql
    }
}
