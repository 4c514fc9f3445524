import Foundation
import GRDB
import UsageCore

/// Bulk queries for the customers table: one metric for every customer at once.
enum CustomerQueries {
    /// Each customer's value of `metric` over `[startMs, endMs)`.
    static func totals(_ db: Database, metric: Metric, startMs: Int64, endMs: Int64) throws -> [String: Decimal] {
        let plan = RangePlan(startMs: startMs, endMs: endMs)
        if metric.aggregation == .uniqueCount {
            let (sql, arguments) = AggregateQueries.distinctUnion(
                metric: metric.code, customer: nil, plan: plan, withCustomer: true)
            guard !sql.isEmpty else { return [:] }
            var result: [String: Decimal] = [:]
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: "SELECT customer_id, COUNT(DISTINCT value) FROM (\(sql)) GROUP BY customer_id"),
                arguments: arguments)
            while let row = try rows.next() { result[row[0]] = Decimal(row[1] as Int64) }
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
        return partials.mapValues { $0.value(for: metric.aggregation) }
    }

    /// Each customer's daily values of `metric` for day slots `[firstDay, endDay)`.
    static func daily(_ db: Database, metric: Metric, firstDay: Int64, endDay: Int64) throws -> [String: [Int64: Decimal]] {
        var result: [String: [Int64: Decimal]] = [:]
        if metric.aggregation == .uniqueCount {
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: """
                    SELECT customer_id, slot / 24, COUNT(DISTINCT value) FROM distinct_hour
                    WHERE metric_code = ? AND customer_id != '' AND slot >= ? AND slot < ? GROUP BY 1, 2
                    """), arguments: [metric.code, firstDay * 24, endDay * 24])
            while let row = try rows.next() { result[row[0], default: [:]][row[1]] = Decimal(row[2] as Int64) }
            return result
        }
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: """
                SELECT customer_id, slot, event_count, sum_value, max_value FROM rollup_day
                WHERE metric_code = ? AND customer_id != '' AND slot >= ? AND slot < ?
                """), arguments: [metric.code, firstDay, endDay])
        while let row = try rows.next() {
            let partial = AggregateQueries.partial(row, offset: 2)
            result[row[0], default: [:]][row[1]] = partial.value(for: metric.aggregation)
        }
        return result
    }
}
