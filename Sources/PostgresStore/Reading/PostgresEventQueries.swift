import Foundation
import Logging
import PostgresNIO
import UsageCore

/// Raw-event reads: a page of events narrowed by property conditions and text, and a metric split by one property's
/// values. Property values compare as the embedded store's `json_each` gives them (text as itself, `true` as `1`),
/// so both stores answer a filter alike.
enum PostgresEventQueries {
    /// Events in the order asked, narrowed in SQL over every event of the period (not one page).
    static func page(
        customerID: String, metric: Metric, startMs: Int64, endMs: Int64, page: Int, pageSize: Int, query: EventQuery,
        on connection: PostgresConnection, logger: Logger
    ) async throws -> Page<UsageEvent> {
        var sql = SQLText()
        var filter = """
            customer_id = \(sql.bind(customerID)) AND metric_code = \(sql.bind(metric.code)) \
            AND ts_ms >= \(sql.bind(startMs)) AND ts_ms < \(sql.bind(endMs))
            """
        for match in query.matches {
            filter += " AND \(jsonText("properties::jsonb -> \(sql.bind(match.key))")) = \(sql.bind(match.value))"
        }
        if let text = query.text, !text.isEmpty {
            filter += " AND strpos(lower(transaction_id || ' ' || properties), lower(\(sql.bind(text)))) > 0"
        }
        let order = query.newestFirst ? "ts_ms DESC, seq DESC" : "ts_ms, seq"
        let rows = try await connection.query(
            sql.query(
                """
                SELECT transaction_id, ts_ms, properties, count(*) OVER (), subscription_id FROM event WHERE \(filter)
                ORDER BY \(order) LIMIT \(max(0, pageSize)) OFFSET \(max(0, page) * max(0, pageSize))
                """), logger: logger)
        var items: [UsageEvent] = []
        var total: Int?
        for try await (id, ms, properties, count, subscription) in rows.decode(
            (String, Int64, String, Int64, String).self)
        {
            total = Int(count)
            items.append(
                UsageEvent(
                    transactionID: id, customerID: customerID, metricCode: metric.code,
                    timestamp: UTCTime.date(milliseconds: ms),
                    properties: (try? JSONParser.parse(properties)) ?? .object([]),
                    subscriptionID: subscription.isEmpty ? nil : subscription))
        }
        if total == nil {  // a page past the end still says how many there are
            let counted = try await connection.query(
                sql.query("SELECT count(*) FROM event WHERE \(filter)"), logger: logger)
            for try await count in counted.decode(Int64.self) { total = Int(count) }
        }
        return Page(items: items, index: page, size: pageSize, totalCount: total ?? 0, newestFirst: query.newestFirst)
    }

    /// Rows by value, largest total first, and a row (value nil) for the events without the property.
    static func breakdown(
        customerID: String, metric: Metric, startMs: Int64, endMs: Int64, key: String,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> [BreakdownRow] {
        let measure =
            switch metric.aggregation {
            case .sum: "sum(e.value::numeric)::text"
            case .max: "max(e.value::numeric)::text"
            case .uniqueCount: "count(DISTINCT e.value)::text"
            default: "count(*)::text"
            }
        var sql = SQLText()
        let scope = """
            e.customer_id = \(sql.bind(customerID)) AND e.metric_code = \(sql.bind(metric.code)) \
            AND e.ts_ms >= \(sql.bind(startMs)) AND e.ts_ms < \(sql.bind(endMs))
            """
        let name = sql.bind(key)
        let found = try await connection.query(
            sql.query(
                """
                SELECT 0, \(jsonText("p.value")), count(*), \(measure) FROM event AS e
                CROSS JOIN LATERAL jsonb_each(e.properties::jsonb) AS p WHERE \(scope) AND p.key = \(name) GROUP BY 2
                UNION ALL
                SELECT 1, NULL, count(*), \(measure) FROM event AS e WHERE \(scope) AND NOT jsonb_exists(e.properties::jsonb, \(name))
                """), logger: logger)
        var rows: [BreakdownRow] = []
        for try await (part, value, events, total) in found.decode((Int, String?, Int64, String?).self) {
            // The second part is the events without the property: a row only when there are some.
            guard part == 0 || events > 0 else { continue }
            rows.append(BreakdownRow(value: value, events: Int(events), total: total.flatMap(DecimalText.parse) ?? 0))
        }
        return rows.sorted { ($0.total, $0.events, $1.value ?? "") > ($1.total, $1.events, $0.value ?? "") }
    }

    /// A JSON value as text the way SQLite's `json_each` casts it: a string as itself, `true`/`false` as `1`/`0`,
    /// `null` as NULL, anything else as its JSON text.
    static func jsonText(_ value: String) -> String {
        """
        (CASE jsonb_typeof(\(value)) WHEN 'string' THEN \(value) #>> '{}' WHEN 'boolean' \
        THEN CASE WHEN \(value) = 'true'::jsonb THEN '1' ELSE '0' END WHEN 'null' THEN NULL ELSE (\(value))::text END)
        """
    }
}
