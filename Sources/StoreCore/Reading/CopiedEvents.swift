import Foundation
import UsageCore

/// What a store holds of one customer's events of one metric over one period (of one subscription's, for a
/// provider that keys events by subscription): the metric's value over them, how many there are, and the newest.
/// A sync compares it with the provider's own numbers for the same period.
public struct CopiedEvents: Sendable, Hashable {
    /// The metric's value over the events.
    public var value: Decimal
    /// How many events.
    public var events: Int
    /// The newest event's time, or nil when there is none.
    public var latest: Date?

    /// What a store holds.
    public init(value: Decimal, events: Int, latest: Date?) {
        self.value = value
        self.events = events
        self.latest = latest
    }

    /// The SQL aggregate both stores read (`COUNT(*)`, the decimal sum and max, distinct values, the newest time),
    /// folded into the metric's value.
    package init(metric: Metric, count: Int, sum: Decimal?, max: Decimal?, distinct: Int, latestMs: Int64?) {
        let value: Decimal =
            switch metric.aggregation {
            case .sum: sum ?? 0
            case .max: max ?? 0
            case .uniqueCount: Decimal(distinct)
            default: Decimal(count)
            }
        self.init(value: value, events: count, latest: latestMs.map(UTCTime.date(milliseconds:)))
    }
}

extension CopiedEvents {
    /// The statement both stores run for a customer's events of `metric` over `period` (`subscription`'s only, when
    /// given): count, the decimal sum and maximum, distinct values, the newest time.
    package static func statement(
        customer: String, metric: Metric, period: Period, subscription: String?, in dialect: SQLDialect
    ) -> SQLStatement {
        var sql = SQLStatement(dialect)
        var filter = """
            customer_id = \(sql.bind(customer)) AND metric_code = \(sql.bind(metric.code)) \
            AND ts_ms >= \(sql.bind(UTCTime.milliseconds(period.start))) \
            AND ts_ms < \(sql.bind(UTCTime.milliseconds(period.end)))
            """
        if let subscription { filter += " AND subscription_id = \(sql.bind(subscription))" }
        let numeric = metric.aggregation == .sum || metric.aggregation == .max
        let none = dialect.decimalText(dialect.nullDecimal)
        let sum = numeric ? dialect.decimalText(dialect.decimalSum(dialect.number("value"))) : none
        let max = numeric ? dialect.decimalText(dialect.decimalMax(dialect.number("value"))) : none
        sql.append(
            """
            SELECT \(dialect.integer("count(*)")), \(sum), \(max), \(dialect.integer("count(DISTINCT value)")),
                   max(ts_ms) FROM event WHERE \(filter)
            """)
        sql.columns = [.integer, .text, .text, .integer, .integer]
        return sql
    }

    /// What a store holds, from the row of `statement` (none: nothing).
    package init(metric: Metric, row: [SQLValue]?) {
        guard let row else {
            self.init(value: 0, events: 0, latest: nil)
            return
        }
        self.init(
            metric: metric, count: Int(row[0].integer ?? 0), sum: row[1].text.flatMap(DecimalText.parse),
            max: row[2].text.flatMap(DecimalText.parse), distinct: Int(row[3].integer ?? 0), latestMs: row[4].integer)
    }
}
