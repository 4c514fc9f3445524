import Foundation
import GRDB
import StoreCore
import UsageCore

/// A metric's usage split by the values of one event property, in SQL over every event of the period.
enum BreakdownQuery {
    /// Rows by value, largest total first, and a row (value nil) for the events without the property.
    static func rows(_ db: Database, customerID: String, metric: Metric, startMs: Int64, endMs: Int64, key: String)
        throws
        -> [BreakdownRow]
    {
        let measure =
            switch metric.aggregation {
            case .sum: "dec_sum(e.value)"
            case .max: "dec_max_agg(e.value)"
            case .uniqueCount: "COUNT(DISTINCT e.value)"
            default: "COUNT(*)"
            }
        let scope = "e.customer_id = ? AND e.metric_code = ? AND e.ts_ms >= ? AND e.ts_ms < ?"
        let arguments: StatementArguments = [customerID, metric.code, startMs, endMs]
        var rows: [BreakdownRow] = []
        let found = try Row.fetchCursor(
            db,
            sql: """
                SELECT CAST(p.value AS TEXT), COUNT(*), \(measure) FROM event AS e, json_each(e.properties) AS p
                WHERE \(scope) AND p.key = ? GROUP BY 1
                """, arguments: arguments + [key])
        while let row = try found.next() {
            rows.append(BreakdownRow(value: row[0], events: row[1], total: decimal(row[2])))
        }
        let missing = try Row.fetchOne(
            db,
            sql: """
                SELECT COUNT(*), \(measure) FROM event AS e
                WHERE \(scope) AND NOT EXISTS (SELECT 1 FROM json_each(e.properties) AS p WHERE p.key = ?)
                """, arguments: arguments + [key])
        if let missing, (missing[0] as Int) > 0 {
            rows.append(BreakdownRow(value: nil, events: missing[0], total: decimal(missing[1])))
        }
        return rows.sorted { ($0.total, $0.events, $1.value ?? "") > ($1.total, $1.events, $0.value ?? "") }
    }

    /// A measure column: an integer count or exact decimal text.
    private static func decimal(_ value: DatabaseValue) -> Decimal {
        switch value.storage {
        case .int64(let n): Decimal(n)
        case .string(let text): DecimalText.parse(text) ?? 0
        case .double(let d): Decimal(d)
        default: 0
        }
    }
}
