import Foundation
import UsageCore

/// Reads of raw events written once for both stores: a page of a customer's events narrowed by property conditions
/// and text, and a metric split by one property's values. Property values compare as SQLite's `json_each` gives
/// them (text as itself, `true` as `1`), so both stores answer a filter alike.
package enum EventSQL {
    /// The page's rows (each with the count of every matching event, or NULL when the query does not narrow: that
    /// count comes from the rollups, `PlannedSQL.partials`) and, for a page past the end, the count alone.
    package static func page(
        customerID: String, metric: Metric, startMs: Int64, endMs: Int64, page: Int, pageSize: Int, query: EventQuery,
        in dialect: SQLDialect
    ) -> (rows: SQLStatement, count: SQLStatement) {
        var base = SQLStatement(dialect)
        var filter = """
            customer_id = \(base.bind(customerID)) AND metric_code = \(base.bind(metric.code)) \
            AND ts_ms >= \(base.bind(startMs)) AND ts_ms < \(base.bind(endMs))
            """
        for match in query.matches {
            filter += " AND " + dialect.propertyEquals("properties", base.bind(match.key), base.bind(match.value))
        }
        if let text = query.text, !text.isEmpty {
            filter += " AND " + dialect.contains("transaction_id || ' ' || properties", base.bind(text))
        }
        let order = query.newestFirst ? "ts_ms DESC, seq DESC" : "ts_ms, seq"
        var rows = base
        let limit = rows.bind(Int64(max(0, pageSize))), offset = rows.bind(Int64(max(0, page) * max(0, pageSize)))
        rows.append(
            """
            SELECT transaction_id, ts_ms, properties, \(query.narrows ? "count(*) OVER ()" : "NULL"), subscription_id
            FROM event WHERE \(filter)
            ORDER BY \(order) LIMIT \(limit) OFFSET \(offset)
            """)
        rows.columns = [.text, .integer, .text, .integer, .text]
        var count = base
        count.append("SELECT \(dialect.integer("count(*)")) FROM event WHERE \(filter)")
        count.columns = [.integer]
        return (rows, count)
    }

    /// An event from a row of `page`.
    package static func event(_ row: [SQLValue], customerID: String, metric: Metric) -> UsageEvent {
        let subscription = row[4].text ?? ""
        return UsageEvent(
            transactionID: row[0].text ?? "", customerID: customerID, metricCode: metric.code,
            timestamp: UTCTime.date(milliseconds: row[1].integer ?? 0),
            properties: row[2].text.flatMap { try? JSONParser.parse($0) } ?? .object([]),
            subscriptionID: subscription.isEmpty ? nil : subscription)
    }

    /// Rows of part (0: a value of the property, 1: the events without it), value, event count and the metric's
    /// measure as text.
    package static func breakdown(
        customerID: String, metric: Metric, startMs: Int64, endMs: Int64, key: String, in dialect: SQLDialect
    ) -> SQLStatement {
        let value = dialect.number("e.value")
        let measure =
            switch metric.aggregation {
            case .sum: dialect.decimalText(dialect.decimalSum(value))
            case .max: dialect.decimalText(dialect.decimalMax(value))
            case .uniqueCount: dialect.decimalText("count(DISTINCT e.value)")
            default: dialect.decimalText("count(*)")
            }
        var sql = SQLStatement(dialect)
        let scope = """
            e.customer_id = \(sql.bind(customerID)) AND e.metric_code = \(sql.bind(metric.code)) \
            AND e.ts_ms >= \(sql.bind(startMs)) AND e.ts_ms < \(sql.bind(endMs))
            """
        let name = sql.bind(key)
        let text = dialect.propertyText("p.value")
        // Each event's properties are read once: the property joined if the event has it, nothing (part 1) if not.
        sql.append(
            """
            SELECT CASE WHEN p.key IS NULL THEN 1 ELSE 0 END AS part, \(text) AS v, \(dialect.integer("count(*)")), \(measure)
            FROM event AS e LEFT JOIN \(dialect.properties(of: "e.properties", as: "p")) ON p.key = \(name)
            WHERE \(scope) GROUP BY 1, 2
            """)
        sql.columns = [.integer, .text, .integer, .text]
        return sql
    }

    /// The rows of `breakdown`, largest total first, with a row (value nil) for the events without the property
    /// when there are some.
    package static func breakdownRows(_ rows: [[SQLValue]]) -> [BreakdownRow] {
        rows.compactMap { row -> BreakdownRow? in
            let events = Int(row[2].integer ?? 0)
            guard row[0].integer == 0 || events > 0 else { return nil }
            return BreakdownRow(value: row[1].text, events: events, total: row[3].text.flatMap(DecimalText.parse) ?? 0)
        }
        .sorted { ($0.total, $0.events, $1.value ?? "") > ($1.total, $1.events, $0.value ?? "") }
    }
}
