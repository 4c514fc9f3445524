import Foundation
import GRDB
import StoreCore
import UsageCore

/// Exact aggregates over a planned range, for one customer, all customers (`""`), or every customer at once.
enum AggregateQueries {
    /// Count, sum and max over the plan.
    static func partial(_ db: Database, metric: String, customer: String, plan: RangePlan) throws -> Partial {
        var total = Partial()
        if let days = plan.days {
            total.merge(try rollup(db, table: "rollup_day", metric: metric, customer: customer, span: days))
        }
        for span in plan.hours {
            total.merge(try rollup(db, table: "rollup_hour", metric: metric, customer: customer, span: span))
        }
        for span in plan.raw {
            let filter = customer == StoreTables.allCustomers ? "" : " AND customer_id = ?"
            var arguments: StatementArguments = [metric, span.lower, span.upper]
            if !filter.isEmpty { arguments += [customer] }
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT COUNT(*), dec_sum(value), dec_max_agg(value) FROM event
                        WHERE metric_code = ? AND ts_ms >= ? AND ts_ms < ?\(filter)
                        """), arguments: arguments)
            total.merge(Self.partial(row, offset: 0))
        }
        return total
    }

    private static func rollup(_ db: Database, table: String, metric: String, customer: String, span: RangePlan.Span)
        throws -> Partial
    {
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT COALESCE(SUM(event_count), 0), dec_sum(sum_value), dec_max_agg(max_value) FROM \(table)
                    WHERE metric_code = ? AND customer_id = ? AND slot >= ? AND slot < ?
                    """), arguments: [metric, customer, span.lower, span.upper])
        return partial(row, offset: 0)
    }

    static func partial(_ row: Row?, offset: Int) -> Partial {
        guard let row else { return Partial() }
        let sum: String? = row[offset + 1]
        let max: String? = row[offset + 2]
        return Partial(
            count: row[offset] ?? 0, sum: sum.flatMap(DecimalText.parse), max: max.flatMap(DecimalText.parse))
    }

    /// Distinct values of the metric's field over the plan.
    static func uniqueCount(_ db: Database, metric: String, customer: String, plan: RangePlan) throws -> Int {
        let (sql, arguments) = distinctUnion(metric: metric, customer: customer, plan: plan, withCustomer: false)
        guard !sql.isEmpty else { return 0 }
        return try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COUNT(DISTINCT value) FROM (\(sql))"), arguments: arguments) ?? 0
    }

    /// The union of distinct (customer?, value) pairs from the hourly distinct table and raw edges.
    static func distinctUnion(metric: String, customer: String?, plan: RangePlan, withCustomer: Bool)
        -> (String, StatementArguments)
    {
        var parts: [String] = []
        var arguments: StatementArguments = []
        let columns = withCustomer ? "customer_id, value" : "value"
        let rollupCustomer = customer ?? StoreTables.allCustomers
        for span in plan.hourSpans {
            let who = customer == nil ? "customer_id != ''" : "customer_id = ?"
            parts.append(
                "SELECT \(columns) FROM distinct_hour WHERE metric_code = ? AND \(who) AND slot >= ? AND slot < ?")
            arguments += [metric]
            if customer != nil { arguments += [rollupCustomer] }
            arguments += [span.lower, span.upper]
        }
        for span in plan.raw {
            let who = (customer == nil || customer == StoreTables.allCustomers) ? "" : " AND customer_id = ?"
            parts.append("SELECT \(columns) FROM event WHERE metric_code = ? AND ts_ms >= ? AND ts_ms < ?\(who)")
            arguments += [metric, span.lower, span.upper]
            if !who.isEmpty { arguments += [rollupCustomer] }
        }
        return (parts.joined(separator: " UNION ALL "), arguments)
    }
}
