import Foundation
import StoreCore
import Logging
import PostgresNIO
import UsageCore

/// Exact aggregates over ranges split by `RangePlan` (whole days from the daily rollup, whole hours from the hourly
/// one, unaligned edges from raw events), many ranges in one statement: each range has a tag, and the answer is one
/// partial per tag, for one customer or all (`""`), or one per customer.
enum PlannedQueries {
    /// Count, sum and maximum of `metric` per tag, for `customer` (`""`: all customers).
    static func partials(
        _ metric: Metric, customer: String, ranges: [(tag: Int, plan: RangePlan)], on connection: PostgresConnection,
        logger: Logger
    ) async throws -> [Int: Partial] {
        var sql = SQLText()
        let code = sql.bind(metric.code), who = sql.bind(customer)
        var parts: [String] = []
        for (tag, plan) in ranges {
            if let days = plan.days { parts.append(rollup("rollup_day", tag, code, who, days)) }
            for span in plan.hours { parts.append(rollup("rollup_hour", tag, code, who, span)) }
            for span in plan.raw {
                let filter = customer == StoreTables.allCustomers ? "" : " AND customer_id = \(who)"
                parts.append(
                    """
                    SELECT \(tag) AS tag, count(*)::numeric AS n, \(rawValues(metric)) FROM event
                    WHERE metric_code = \(code) AND ts_ms >= \(span.lower) AND ts_ms < \(span.upper)\(filter)
                    """)
            }
        }
        guard !parts.isEmpty else { return [:] }
        sql.append("SELECT tag, COALESCE(sum(n), 0)::int8, sum(s)::text, max(x)::text FROM (")
        sql.append(parts.joined(separator: " UNION ALL "))
        sql.append(") AS u GROUP BY tag")
        var result: [Int: Partial] = [:]
        for try await (tag, count, sum, max) in try await connection.query(sql.query, logger: logger)
            .decode((Int, Int64, String?, String?).self)
        {
            result[tag] = Partial(
                count: count, sum: sum.flatMap(DecimalText.parse), max: max.flatMap(DecimalText.parse))
        }
        return result
    }

    /// Distinct values of `metric`'s field per tag, for `customer` (`""`: all customers).
    static func uniqueCounts(
        _ metric: Metric, customer: String, ranges: [(tag: Int, plan: RangePlan)], on connection: PostgresConnection,
        logger: Logger
    ) async throws -> [Int: Int64] {
        var sql = SQLText()
        let code = sql.bind(metric.code), who = sql.bind(customer)
        var parts: [String] = []
        for (tag, plan) in ranges {
            for span in plan.hourSpans {
                parts.append(
                    """
                    SELECT \(tag) AS tag, value FROM distinct_hour
                    WHERE metric_code = \(code) AND customer_id = \(who) AND slot >= \(span.lower) AND slot < \(span.upper)
                    """)
            }
            for span in plan.raw {
                let filter = customer == StoreTables.allCustomers ? "" : " AND customer_id = \(who)"
                parts.append(
                    """
                    SELECT \(tag) AS tag, value FROM event
                    WHERE metric_code = \(code) AND ts_ms >= \(span.lower) AND ts_ms < \(span.upper)\(filter)
                    """)
            }
        }
        guard !parts.isEmpty else { return [:] }
        sql.append(
            "SELECT tag, count(DISTINCT value) FROM (\(parts.joined(separator: " UNION ALL "))) AS u GROUP BY tag")
        var result: [Int: Int64] = [:]
        for try await (tag, count) in try await connection.query(sql.query, logger: logger).decode((Int, Int64).self) {
            result[tag] = count
        }
        return result
    }

    /// Every customer's partial over `plan` (a unique count as the count), for the customers table.
    static func byCustomer(_ metric: Metric, plan: RangePlan, on connection: PostgresConnection, logger: Logger)
        async throws -> [String: Partial]
    {
        var sql = SQLText()
        let code = sql.bind(metric.code)
        var parts: [String] = []
        if metric.aggregation == .uniqueCount {
            for span in plan.hourSpans {
                parts.append(
                    """
                    SELECT customer_id, value FROM distinct_hour
                    WHERE metric_code = \(code) AND customer_id <> '' AND slot >= \(span.lower) AND slot < \(span.upper)
                    """)
            }
            for span in plan.raw {
                parts.append(
                    """
                    SELECT customer_id, value FROM event
                    WHERE metric_code = \(code) AND ts_ms >= \(span.lower) AND ts_ms < \(span.upper)
                    """)
            }
            guard !parts.isEmpty else { return [:] }
            sql.append("SELECT customer_id, count(DISTINCT value), NULL::text, NULL::text FROM (")
        } else {
            let rollup = { (table: String, span: RangePlan.Span) in
                """
                SELECT customer_id, sum(event_count) AS n, sum(sum_value) AS s, max(max_value) AS x FROM \(table)
                WHERE metric_code = \(code) AND customer_id <> '' AND slot >= \(span.lower) AND slot < \(span.upper)
                GROUP BY customer_id
                """
            }
            if let days = plan.days { parts.append(rollup("rollup_day", days)) }
            for span in plan.hours { parts.append(rollup("rollup_hour", span)) }
            for span in plan.raw {
                parts.append(
                    """
                    SELECT customer_id, count(*)::numeric AS n, \(rawValues(metric)) FROM event
                    WHERE metric_code = \(code) AND ts_ms >= \(span.lower) AND ts_ms < \(span.upper) GROUP BY customer_id
                    """)
            }
            guard !parts.isEmpty else { return [:] }
            sql.append("SELECT customer_id, COALESCE(sum(n), 0)::int8, sum(s)::text, max(x)::text FROM (")
        }
        sql.append(parts.joined(separator: " UNION ALL "))
        sql.append(") AS u GROUP BY customer_id")
        var result: [String: Partial] = [:]
        for try await (id, count, sum, max) in try await connection.query(sql.query, logger: logger)
            .decode((String, Int64, String?, String?).self)
        {
            result[id] = Partial(count: count, sum: sum.flatMap(DecimalText.parse), max: max.flatMap(DecimalText.parse))
        }
        return result
    }

    /// A rollup table's count, sum and maximum over a slot span, as one tagged row.
    private static func rollup(_ table: String, _ tag: Int, _ code: String, _ who: String, _ span: RangePlan.Span)
        -> String
    {
        """
        SELECT \(tag) AS tag, sum(event_count) AS n, sum(sum_value) AS s, max(max_value) AS x FROM \(table)
        WHERE metric_code = \(code) AND customer_id = \(who) AND slot >= \(span.lower) AND slot < \(span.upper)
        """
    }

    /// Raw events' sum and maximum columns: only a sum or max metric's values are numbers.
    private static func rawValues(_ metric: Metric) -> String {
        switch metric.aggregation {
        case .sum: "sum(value::numeric) AS s, NULL::numeric AS x"
        case .max: "NULL::numeric AS s, max(value::numeric) AS x"
        default: "NULL::numeric AS s, NULL::numeric AS x"
        }
    }
}
