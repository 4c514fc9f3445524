import Foundation
import StoreCore
import Logging
import PostgresNIO
import UsageCore

/// The customers table from the PostgreSQL store: every customer with one metric's total over a period, its daily
/// values over the trailing days and its last event, in three statements (customers, period totals, daily rows).
enum PostgresCustomerTable {
    /// The rows for `metric` over `[startMs, endMs)`, with daily values for day slots `[firstDay, endDay)`.
    static func summaries(
        metric: Metric, startMs: Int64, endMs: Int64, firstDay: Int64, endDay: Int64, on connection: PostgresConnection,
        logger: Logger
    ) async throws -> [CustomerSummary] {
        var listing = SQLText()
        let code = listing.bind(metric.code), lower = listing.bind(startMs), upper = listing.bind(endMs)
        listing.append(
            """
            SELECT c.id, c.name, c.currency,
                   (SELECT max(e.ts_ms) FROM event AS e WHERE e.customer_id = c.id AND e.metric_code = \(code)
                        AND e.ts_ms >= \(lower) AND e.ts_ms < \(upper))
            FROM customer AS c ORDER BY c.id
            """)
        var customers: [(Customer, Int64?)] = []
        for try await (id, name, currency, last) in try await connection.query(listing.query, logger: logger)
            .decode((String, String, String?, Int64?).self)
        {
            customers.append((Customer(id: id, name: name, currency: currency), last))
        }
        var totals: [String: Partial] = [:]
        if let statement = PlannedSQL.byCustomer(
            metric, plan: RangePlan(startMs: startMs, endMs: endMs), in: .postgres)
        {
            for row in try await statement.rows(on: connection, logger: logger) {
                totals[row[0].text ?? ""] = PlannedSQL.partial(row)
            }
        }
        let daily = try await dailyValues(metric, firstDay: firstDay, endDay: endDay, on: connection, logger: logger)
        let days = Int(max(0, endDay - firstDay))
        return customers.map { customer, last in
            let total = totals[customer.id].map {
                metric.aggregation == .uniqueCount ? Decimal($0.count) : $0.value(for: metric.aggregation)
            }
            let values = daily[customer.id] ?? [:]
            return CustomerSummary(
                customer: customer, total: total ?? 0, daily: (0..<days).map { values[firstDay + Int64($0)] ?? 0 },
                lastEventAt: last.map(UTCTime.date(milliseconds:)))
        }
    }

    /// Each customer's value of `metric` on each day slot of `[firstDay, endDay)` that has events.
    private static func dailyValues(
        _ metric: Metric, firstDay: Int64, endDay: Int64, on connection: PostgresConnection, logger: Logger
    ) async throws -> [String: [Int64: Decimal]] {
        var sql = SQLText()
        let code = sql.bind(metric.code)
        if metric.aggregation == .uniqueCount {
            sql.append(
                """
                SELECT customer_id, floor(slot::numeric / 24)::int8 AS day, count(DISTINCT value)::text FROM distinct_hour
                WHERE metric_code = \(code) AND customer_id <> '' AND slot >= \(firstDay * 24) AND slot < \(endDay * 24)
                GROUP BY 1, 2
                """)
        } else {
            let column =
                switch metric.aggregation {
                case .sum: "sum_value::text"
                case .max: "max_value::text"
                default: "event_count::text"
                }
            sql.append(
                """
                SELECT customer_id, slot, \(column) FROM rollup_day
                WHERE metric_code = \(code) AND customer_id <> '' AND slot >= \(firstDay) AND slot < \(endDay)
                """)
        }
        var result: [String: [Int64: Decimal]] = [:]
        for try await (id, day, value) in try await connection.query(sql.query, logger: logger)
            .decode((String, Int64, String?).self)
        {
            result[id, default: [:]][day] = value.flatMap(DecimalText.parse) ?? 0
        }
        return result
    }
}
