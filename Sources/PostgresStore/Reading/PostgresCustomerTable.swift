import Foundation
import StoreCore
import Logging
import PostgresNIO
import UsageCore

/// The customers table from the PostgreSQL store: every customer with one metric's total over a period, its daily
/// values over the trailing days and its last event, in three statements (customers, period totals, daily rows).
enum PostgresCustomerTable {
    /// The rows of the `count` customers that used `metric` most over the period's whole days (ranked in SQL, their
    /// numbers exact), for a table of more than `above` customers; nil when there is nothing to rank that way. They
    /// fill the first screen while the whole table loads.
    static func preview(
        metric: Metric, startMs: Int64, endMs: Int64, firstDay: Int64, endDay: Int64, count: Int, above: Int,
        on connection: PostgresConnection, logger: Logger
    ) async throws -> (rows: [CustomerSummary], customers: Int)? {
        guard metric.aggregation != .uniqueCount, let days = RangePlan(startMs: startMs, endMs: endMs).days else {
            return nil
        }
        var customers = 0
        for try await held in try await connection.query("SELECT count(*)::int8 FROM customer", logger: logger)
            .decode(Int64.self)
        {
            customers = Int(held)
        }
        guard customers > above else { return nil }
        let rank =
            switch metric.aggregation {
            case .sum: "sum(sum_value)"
            case .max: "max(max_value)"
            default: "sum(event_count)"
            }
        var ranking = SQLText()
        ranking.append(
            """
            SELECT customer_id FROM rollup_day
            WHERE metric_code = \(ranking.bind(metric.code)) AND customer_id <> ''
                AND slot >= \(ranking.bind(days.lower)) AND slot < \(ranking.bind(days.upper))
            GROUP BY customer_id ORDER BY \(rank) DESC NULLS LAST, customer_id LIMIT \(ranking.bind(Int64(count)))
            """)
        var ids: [String] = []
        for try await id in try await connection.query(ranking.query, logger: logger).decode(String.self) {
            ids.append(id)
        }
        guard !ids.isEmpty else { return nil }
        let rows = try await summaries(
            metric: metric, startMs: startMs, endMs: endMs, firstDay: firstDay, endDay: endDay, only: ids,
            on: connection, logger: logger)
        return (rows, customers)
    }

    /// Lets this read's transaction group every customer's rows in memory: with the server's default `work_mem`
    /// (4 MB), ranking 100,000 customers over 30 days of rollups spills its hash table to disk in batches, 1.6–2.1 s
    /// instead of 1.0–1.2 s (`SET LOCAL`: the setting ends with the read's transaction). Set once per read, by the
    /// reader's entry points.
    static func allowGrouping(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SET LOCAL work_mem = '32MB'", logger: logger)
    }

    /// The rows for `metric` over `[startMs, endMs)`, with daily values for day slots `[firstDay, endDay)`: every
    /// customer's, or those of `only`.
    static func summaries(
        metric: Metric, startMs: Int64, endMs: Int64, firstDay: Int64, endDay: Int64, only: [String]? = nil,
        on connection: PostgresConnection, logger: Logger
    ) async throws -> [CustomerSummary] {
        var listing = SQLText()
        let code = listing.bind(metric.code), lower = listing.bind(startMs), upper = listing.bind(endMs)
        let filter = only.map { "WHERE c.id = ANY(\(listing.bind($0)))" } ?? ""
        listing.append(
            """
            SELECT c.id, c.name, c.currency,
                   (SELECT max(e.ts_ms) FROM event AS e WHERE e.customer_id = c.id AND e.metric_code = \(code)
                        AND e.ts_ms >= \(lower) AND e.ts_ms < \(upper))
            FROM customer AS c \(filter) ORDER BY c.id
            """)
        // Each customer's parts are held by its position in id order, found once by id, never in a table per part.
        var customers: [(Customer, Int64?)] = []
        var positions: [String: Int] = [:]
        for try await (id, name, currency, last) in try await connection.query(listing.query, logger: logger)
            .decode((String, String, String?, Int64?).self)
        {
            positions[id] = customers.count
            customers.append((Customer(id: id, name: name, currency: currency), last))
        }
        var totals = [Partial?](repeating: nil, count: customers.count)
        if let statement = PlannedSQL.byCustomer(
            metric, plan: RangePlan(startMs: startMs, endMs: endMs), only: only, in: .postgres)
        {
            try await statement.forEachRow(on: connection, logger: logger) { row in
                if let position = positions[row[0].text ?? ""] { totals[position] = PlannedSQL.partial(row) }
            }
        }
        var daily = [DailyValues?](repeating: nil, count: customers.count)
        try await dailyValues(metric, firstDay: firstDay, endDay: endDay, only: only, on: connection, logger: logger) {
            id, values in
            if let position = positions[id] { daily[position] = values }
        }
        positions = [:]
        let none = DailyValues(units: Array(repeating: 0, count: Int(max(0, endDay - firstDay))), scale: 0)
        return customers.indices.map { position in
            let (customer, last) = customers[position]
            let total = totals[position].map {
                metric.aggregation == .uniqueCount ? Decimal($0.count) : $0.value(for: metric.aggregation)
            }
            return CustomerSummary(
                customer: customer, total: total ?? 0, dailyValues: daily[position] ?? none,
                lastEventAt: last.map(UTCTime.date(milliseconds:)))
        }
    }

    /// Each customer's values of `metric` on the day slots of `[firstDay, endDay)` (0 on a day without events), kept as
    /// compact as they allow (`DailyValues`) and handed to `each` with its id: the rows come in customer order, so each
    /// customer's are folded together.
    private static func dailyValues(
        _ metric: Metric, firstDay: Int64, endDay: Int64, only: [String]?, on connection: PostgresConnection,
        logger: Logger, _ each: (String, DailyValues) -> Void
    ) async throws {
        var sql = SQLText()
        let code = sql.bind(metric.code)
        let filter = only.map { "AND customer_id = ANY(\(sql.bind($0)))" } ?? ""
        if metric.aggregation == .uniqueCount {
            sql.append(
                """
                SELECT customer_id, slot, count(*)::int8 FROM distinct_day
                WHERE metric_code = \(code) AND customer_id <> '' AND slot >= \(firstDay) AND slot < \(endDay)
                    \(filter)
                GROUP BY 1, 2 ORDER BY 1
                """)
        } else {
            let column =
                switch metric.aggregation {
                case .sum: "sum_value::text"
                case .max: "max_value::text"
                default: "event_count"
                }
            sql.append(
                """
                SELECT customer_id, slot, \(column) FROM rollup_day
                WHERE metric_code = \(code) AND customer_id <> '' AND slot >= \(firstDay) AND slot < \(endDay) \(filter)
                ORDER BY customer_id
                """)
        }
        let days = Int(max(0, endDay - firstDay))
        // Counts arrive as integers, kept as they are; sums and maxima as exact decimal text.
        let counted = metric.aggregation != .sum && metric.aggregation != .max
        var current: (id: String, bytes: ByteBuffer)?
        var values: [(day: Int, text: String)] = []
        var counts = [Int128](repeating: 0, count: days)
        func finish() {
            if let current {
                each(current.id, counted ? DailyValues(units: counts, scale: 0) : folded(values, days: days))
            }
            values.removeAll(keepingCapacity: true)
            if counted { counts = [Int128](repeating: 0, count: days) }
        }
        // A million rows name a hundred thousand customers: an id is compared as bytes and made a string once.
        for try await row in try await connection.query(sql.query, logger: logger) {
            let cells = row.makeRandomAccess()
            guard let idBytes = cells[0].bytes else { continue }
            if current?.bytes != idBytes {
                finish()
                current = (try cells[0].decode(String.self), idBytes)
            }
            let day = try cells[1].decode(Int64.self)
            guard day >= firstDay, day < endDay else { continue }
            if counted {
                counts[Int(day - firstDay)] = Int128(try cells[2].decode(Int64?.self) ?? 0)
            } else if let value = try cells[2].decode(String?.self) {
                values.append((Int(day - firstDay), value))
            }
        }
        finish()
    }

    /// One customer's days as exact whole units of 10⁻¹² (two to eight bytes a day), or as `Decimal`s when a value
    /// needs more.
    private static func folded(_ values: [(day: Int, text: String)], days: Int) -> DailyValues {
        var units = [Int128](repeating: 0, count: days)
        for (day, text) in values {
            guard let scaled = ScaledValue(text) else {
                var decimals = [Decimal](repeating: 0, count: days)
                for (day, text) in values { decimals[day] = DecimalText.parse(text) ?? 0 }
                return DailyValues(decimals)
            }
            units[day] = scaled.units
        }
        return DailyValues(units: units, scale: ScaledValue.places)
    }
}
