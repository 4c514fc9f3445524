import Foundation
import UsageCore

/// Exact aggregates over ranges split by `RangePlan` (whole days from the daily rollup, whole hours from the hourly
/// one, unaligned edges from raw events), written once for both stores: many ranges in one statement, each range
/// with a tag, and the answer one partial per tag, for one customer or all (`StoreTables.allCustomers`), or one per
/// customer.
package enum PlannedSQL {
    /// A statement with `metric`'s code and `customer` bound, and the raw events' customer condition (none for all
    /// customers).
    private static func opening(_ metric: Metric, customer: String, in dialect: SQLDialect)
        -> (SQLStatement, code: String, who: String, filter: String)
    {
        var sql = SQLStatement(dialect)
        let code = sql.bind(metric.code), who = sql.bind(customer)
        return (sql, code, who, customer == StoreTables.allCustomers ? "" : " AND customer_id = \(who)")
    }

    /// Count, sum and maximum of `metric` per tag, for `customer`: rows of tag, count, sum and maximum; nil when no
    /// range has anything to read.
    package static func partials(
        _ metric: Metric, customer: String, ranges: ArraySlice<TaggedRange>, in dialect: SQLDialect
    ) -> SQLStatement? {
        var (sql, code, who, filter) = opening(metric, customer: customer, in: dialect)
        var parts: [String] = []
        for (tag, plan) in ranges {
            let rollup = { (table: String, span: RangePlan.Span) in
                """
                SELECT \(tag) AS tag, sum(event_count) AS n, \(dialect.decimalSum("sum_value")) AS s, \
                \(dialect.decimalMax("max_value")) AS x FROM \(table)
                WHERE metric_code = \(code) AND customer_id = \(who) AND slot >= \(sql.bind(span.lower)) AND slot < \(sql.bind(span.upper))
                """
            }
            if let days = plan.days { parts.append(rollup("rollup_day", days)) }
            for span in plan.hours { parts.append(rollup("rollup_hour", span)) }
            for span in plan.raw {
                parts.append(
                    """
                    SELECT \(tag) AS tag, \(dialect.rowCount) AS n, \(rawValues(metric, dialect)) FROM event
                    WHERE metric_code = \(code) AND ts_ms >= \(sql.bind(span.lower)) AND ts_ms < \(sql.bind(span.upper))\(filter)
                    """)
            }
        }
        guard !parts.isEmpty else { return nil }
        sql.append(
            """
            SELECT tag, \(dialect.integer("COALESCE(sum(n), 0)")), \(dialect.decimalText(dialect.decimalSum("s"))),
                   \(dialect.decimalText(dialect.decimalMax("x"))) FROM (\(parts.joined(separator: " UNION ALL "))) AS u
            GROUP BY tag
            """)
        sql.columns = [.integer, .integer, .text, .text]
        return sql
    }

    /// Distinct values of `metric`'s field per tag, for `customer`: rows of tag and count; nil when no range has
    /// anything to read. A range of exactly one whole day (each bucket of a daily series) is its day's rows counted,
    /// without gathering its values for `DISTINCT`.
    package static func uniqueCounts(
        _ metric: Metric, customer: String, ranges: ArraySlice<TaggedRange>, in dialect: SQLDialect
    ) -> SQLStatement? {
        var (sql, code, who, filter) = opening(metric, customer: customer, in: dialect)
        var parts: [String] = [], counted: [String] = []
        for (tag, plan) in ranges {
            if plan.raw.isEmpty, plan.hours.isEmpty, let day = plan.days, day.upper - day.lower == 1 {
                counted.append(
                    """
                    SELECT \(tag) AS tag, count(*) AS n FROM distinct_day
                    WHERE metric_code = \(code) AND customer_id = \(who) AND slot = \(sql.bind(day.lower))
                    """)
                continue
            }
            for (table, span) in distinctSpans(plan) {
                parts.append(
                    """
                    SELECT \(tag) AS tag, value FROM \(table)
                    WHERE metric_code = \(code) AND customer_id = \(who) AND slot >= \(sql.bind(span.lower)) AND slot < \(sql.bind(span.upper))
                    """)
            }
            for span in plan.raw {
                parts.append(
                    """
                    SELECT \(tag) AS tag, value FROM event
                    WHERE metric_code = \(code) AND ts_ms >= \(sql.bind(span.lower)) AND ts_ms < \(sql.bind(span.upper))\(filter)
                    """)
            }
        }
        if !parts.isEmpty {
            counted.append(
                """
                SELECT tag, count(DISTINCT value) AS n FROM (\(parts.joined(separator: " UNION ALL "))) AS u GROUP BY tag
                """)
        }
        guard !counted.isEmpty else { return nil }
        sql.append("SELECT tag, \(dialect.integer("n")) FROM (\(counted.joined(separator: " UNION ALL "))) AS c")
        sql.columns = [.integer, .integer]
        return sql
    }

    /// The distinct-value tables' slots that `plan` covers: its whole days from each day's values, its other whole
    /// hours from each hour's.
    private static func distinctSpans(_ plan: RangePlan) -> [(table: String, span: RangePlan.Span)] {
        (plan.days.map { [("distinct_day", $0)] } ?? []) + plan.hours.map { ("distinct_hour", $0) }
    }

    /// Every customer's partial of `metric` over `plan` (a unique count as the count), or only those of `only`, for
    /// the customers table: rows of customer, count, sum and maximum; nil when the plan has nothing to read.
    package static func byCustomer(
        _ metric: Metric, plan: RangePlan, only: [String]? = nil, in dialect: SQLDialect
    ) -> SQLStatement? {
        if only?.isEmpty == true { return nil }
        var sql = SQLStatement(dialect)
        let code = sql.bind(metric.code)
        let among =
            only.map { ids in " AND customer_id IN (\(ids.map { sql.bind($0) }.joined(separator: ", ")))" } ?? ""
        var parts: [String] = []
        if metric.aggregation == .uniqueCount {
            let none = dialect.decimalText(dialect.nullDecimal)
            for (table, span) in distinctSpans(plan) {
                parts.append(
                    """
                    SELECT customer_id, value FROM \(table)
                    WHERE metric_code = \(code) AND customer_id <> '' AND slot >= \(sql.bind(span.lower)) AND slot < \(sql.bind(span.upper))\(among)
                    """)
            }
            for span in plan.raw {
                parts.append(
                    """
                    SELECT customer_id, value FROM event
                    WHERE metric_code = \(code) AND ts_ms >= \(sql.bind(span.lower)) AND ts_ms < \(sql.bind(span.upper))\(among)
                    """)
            }
            guard !parts.isEmpty else { return nil }
            sql.append(
                """
                SELECT customer_id, \(dialect.integer("count(DISTINCT value)")), \(none), \(none)
                FROM (\(parts.joined(separator: " UNION ALL "))) AS u GROUP BY customer_id
                """)
        } else {
            let rollup = { (table: String, span: RangePlan.Span) in
                """
                SELECT customer_id, sum(event_count) AS n, \(dialect.decimalSum("sum_value")) AS s, \
                \(dialect.decimalMax("max_value")) AS x FROM \(table)
                WHERE metric_code = \(code) AND customer_id <> '' AND slot >= \(sql.bind(span.lower)) AND slot < \(sql.bind(span.upper))\(among)
                GROUP BY customer_id
                """
            }
            if let days = plan.days { parts.append(rollup("rollup_day", days)) }
            for span in plan.hours { parts.append(rollup("rollup_hour", span)) }
            for span in plan.raw {
                parts.append(
                    """
                    SELECT customer_id, \(dialect.rowCount) AS n, \(rawValues(metric, dialect)) FROM event
                    WHERE metric_code = \(code) AND ts_ms >= \(sql.bind(span.lower)) AND ts_ms < \(sql.bind(span.upper))\(among)
                    GROUP BY customer_id
                    """)
            }
            guard !parts.isEmpty else { return nil }
            sql.append(
                """
                SELECT customer_id, \(dialect.integer("COALESCE(sum(n), 0)")), \(dialect.decimalText(dialect.decimalSum("s"))),
                       \(dialect.decimalText(dialect.decimalMax("x")))
                FROM (\(parts.joined(separator: " UNION ALL "))) AS u GROUP BY customer_id
                """)
        }
        sql.columns = [.text, .integer, .text, .text]
        return sql
    }

    /// `ranges` in groups small enough for one statement each: SQLite allows 500 terms in a union, and both
    /// databases a bounded number of parameters (a range is at most five terms of two parameters).
    package static func chunks(_ ranges: [TaggedRange]) -> [ArraySlice<TaggedRange>] {
        stride(from: 0, to: ranges.count, by: rangesPerStatement).map {
            ranges[$0..<min($0 + rangesPerStatement, ranges.count)]
        }
    }

    /// How many ranges one statement reads.
    package static let rangesPerStatement = 80

    /// A partial from the count, sum and maximum columns of a row of `partials` or `byCustomer`.
    package static func partial(_ row: [SQLValue]) -> Partial {
        Partial(
            count: row[1].integer ?? 0, sum: row[2].text.flatMap(DecimalText.parse),
            max: row[3].text.flatMap(DecimalText.parse))
    }

    /// Raw events' sum and maximum columns: only a sum or max metric's values are numbers.
    private static func rawValues(_ metric: Metric, _ dialect: SQLDialect) -> String {
        let null = dialect.nullDecimal
        return switch metric.aggregation {
        case .sum: "\(dialect.decimalSum(dialect.number("value"))) AS s, \(null) AS x"
        case .max: "\(null) AS s, \(dialect.decimalMax(dialect.number("value"))) AS x"
        default: "\(null) AS s, \(null) AS x"
        }
    }
}
