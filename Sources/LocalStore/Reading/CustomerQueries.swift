import Foundation
import GRDB
import StoreCore
import UsageCore

/// Bulk queries for the customers table: one metric's partial aggregates for every customer at once (the edges of a
/// period, and unique counts), grouped in SQL.
enum CustomerQueries {
    /// Each customer's partial aggregate of `metric` over the plan's pieces (a unique count as the count).
    static func totals(_ db: Database, metric: Metric, plan: RangePlan) throws -> [String: Partial] {
        if metric.aggregation == .uniqueCount {
            let (sql, arguments) = AggregateQueries.distinctUnion(
                metric: metric.code, customer: nil, plan: plan, withCustomer: true)
            guard !sql.isEmpty else { return [:] }
            var result: [String: Partial] = [:]
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: "SELECT customer_id, COUNT(DISTINCT value) FROM (\(sql)) GROUP BY customer_id"),
                arguments: arguments)
            while let row = try rows.next() { result[row[0]] = Partial(count: row[1]) }
            return result
        }
        var partials: [String: Partial] = [:]
        func fold(_ sql: String, _ arguments: StatementArguments) throws {
            let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
            while let row = try rows.next() {
                partials[row[0], default: Partial()].merge(AggregateQueries.partial(row, offset: 1))
            }
        }
        let rollupSQL = { (table: String) in
            """
            SELECT customer_id, SUM(event_count), dec_sum(sum_value), dec_max_agg(max_value) FROM \(table)
            WHERE metric_code = ? AND customer_id != '' AND slot >= ? AND slot < ? GROUP BY customer_id
            """
        }
        if let days = plan.days { try fold(rollupSQL("rollup_day"), [metric.code, days.lower, days.upper]) }
        for span in plan.hours { try fold(rollupSQL("rollup_hour"), [metric.code, span.lower, span.upper]) }
        for span in plan.raw {
            try fold(
                """
                SELECT customer_id, COUNT(*), dec_sum(value), dec_max_agg(value) FROM event
                WHERE metric_code = ? AND ts_ms >= ? AND ts_ms < ? GROUP BY customer_id
                """, [metric.code, span.lower, span.upper])
        }
        return partials
    }

    /// Each customer's daily distinct counts of a unique-count metric for day slots `[firstDay, endDay)`.
    static func daily(_ db: Database, metric: Metric, firstDay: Int64, endDay: Int64) throws -> [String: [Int64: Int64]]
    {
        var result: [String: [Int64: Int64]] = [:]
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT customer_id, slot / 24, COUNT(DISTINCT value) FROM distinct_hour
                    WHERE metric_code = ? AND customer_id != '' AND slot >= ? AND slot < ? GROUP BY 1, 2
                    """), arguments: [metric.code, firstDay * 24, endDay * 24])
        while let row = try rows.next() { result[row[0], default: [:]][row[1]] = row[2] }
        return result
    }
}
