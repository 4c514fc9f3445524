import Foundation
import GRDB
import StoreCore
import UsageCore

/// A page of a customer's events from the embedded store, narrowed in SQL by an `EventQuery`.
enum EventPageQuery {
    /// The events of `metric` in `[startMs, endMs)` that match `query`, in its order, page `page` of `pageSize`.
    static func page(
        _ db: Database, customerID: String, metric: Metric, startMs: Int64, endMs: Int64, page: Int, pageSize: Int,
        query: EventQuery
    ) throws -> Page<UsageEvent> {
        var arguments: StatementArguments = [customerID, metric.code, startMs, endMs]
        var filter = "customer_id = ? AND metric_code = ? AND ts_ms >= ? AND ts_ms < ?"
        for match in query.matches {
            // json_each compares the key exactly, whatever it holds (dots, quotes); values compare as text.
            filter +=
                " AND EXISTS (SELECT 1 FROM json_each(event.properties) AS p WHERE p.key = ? AND CAST(p.value AS TEXT) = ?)"
            arguments += [match.key, match.value]
        }
        if let text = query.text, !text.isEmpty {
            filter += " AND instr(lower(transaction_id || ' ' || properties), lower(?)) > 0"
            arguments += [text]
        }
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event WHERE \(filter)", arguments: arguments) ?? 0
        let order = query.newestFirst ? "ts_ms DESC, seq DESC" : "ts_ms, seq"
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT transaction_id, ts_ms, properties, subscription_id FROM event WHERE \(filter)
                ORDER BY \(order) LIMIT ? OFFSET ?
                """,
            arguments: arguments + [pageSize, page * pageSize])
        let items = rows.map { row in
            let subscription: String = row[3]
            return UsageEvent(
                transactionID: row[0], customerID: customerID, metricCode: metric.code,
                timestamp: UTCTime.date(milliseconds: row[1]),
                properties: (try? JSONParser.parse(row[2] as String)) ?? .object([]),
                subscriptionID: subscription.isEmpty ? nil : subscription)
        }
        return Page(items: items, index: page, size: pageSize, totalCount: total, newestFirst: query.newestFirst)
    }
}
