import Foundation
import GRDB
import StoreCore
import UsageCore

/// The customers table from the store: every customer with one metric's total over a period, its daily values over
/// the trailing days and its last event. Daily rollup rows are read in customer order straight through SQLite's C
/// interface and folded with integer arithmetic, one customer at a time: no `Row`s, no dictionary entry per row, no
/// `Decimal` per day (on 100,000 customers those were most of the time and of the peak memory).
enum CustomerTable {

    /// The rows for `metric` over `[startMs, endMs)`, with daily values for day slots `[firstDay, endDay)`; only the
    /// customers `only` names when given.
    static func summaries(
        _ db: Database, metric: Metric, startMs: Int64, endMs: Int64, firstDay: Int64, endDay: Int64,
        only: [String]? = nil
    ) throws -> [CustomerSummary] {
        let customers = try Customers(db, metric: metric.code, startMs: startMs, endMs: endMs, only: only)
        let days = Int(max(0, endDay - firstDay))
        if metric.aggregation == .uniqueCount {
            let totals = try CustomerQueries.totals(
                db, metric: metric, plan: RangePlan(startMs: startMs, endMs: endMs), only: only)
            let daily = try CustomerQueries.daily(db, metric: metric, firstDay: firstDay, endDay: endDay)
            return customers.ids.indices.map { index in
                let id = customers.ids[index]
                let values = daily[id] ?? [:]
                let units = (firstDay..<endDay).map { Int128(values[$0] ?? 0) }
                return customers.summary(
                    index, total: totals[id].map { $0.value(for: .count) } ?? 0,
                    daily: DailyValues(units: units, scale: 0))
            }
        }
        var plan = RangePlan(startMs: startMs, endMs: endMs)
        let periodDays = plan.days
        plan.days = nil
        let edges = try CustomerQueries.totals(db, metric: metric, plan: plan, only: only)
        var scan = DayScan(
            metric: metric, customers: customers, firstDay: firstDay, days: days, periodDays: periodDays,
            only: only.map(Self.jsonList))
        // The period's whole days and the trailing days are both daily rollup rows: one pass when the ranges meet.
        for range in scan.ranges { try scan.read(db, lower: range.lower, upper: range.upper) }
        return customers.ids.indices.map { index in
            var tally = scan.tallies[index]
            if let edge = edges[customers.ids[index]] { tally.merge(edge, aggregation: metric.aggregation) }
            return customers.summary(
                index, total: tally.value(for: metric.aggregation),
                daily: scan.daily[index] ?? DailyValues(units: Array(repeating: 0, count: days), scale: 0))
        }
    }

    /// The exact rows of the `count` customers that used `metric` most over the period's whole days (ranked in SQL,
    /// approximately for decimal sums; their numbers are exact), for a table of more than `above` customers;
    /// nil when there is nothing to rank that way. They fill the first screen while the whole table loads.
    static func preview(
        _ db: Database, metric: Metric, startMs: Int64, endMs: Int64, firstDay: Int64, endDay: Int64, count: Int,
        above: Int
    ) throws -> (rows: [CustomerSummary], customers: Int)? {
        guard metric.aggregation != .uniqueCount, let days = RangePlan(startMs: startMs, endMs: endMs).days,
            let customers = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customer"), customers > above
        else { return nil }
        let rank =
            switch metric.aggregation {
            case .sum: "SUM(CAST(sum_value AS REAL))"
            case .max: "MAX(CAST(max_value AS REAL))"
            default: "SUM(event_count)"
            }
        let ids = try String.fetchAll(
            db,
            sql: """
                SELECT customer_id FROM rollup_day WHERE metric_code = ? AND customer_id != '' AND slot >= ? AND slot < ?
                GROUP BY customer_id ORDER BY \(rank) DESC LIMIT ?
                """, arguments: [metric.code, days.lower, days.upper, count])
        guard !ids.isEmpty else { return nil }
        let rows = try summaries(
            db, metric: metric, startMs: startMs, endMs: endMs, firstDay: firstDay, endDay: endDay, only: ids)
        return (rows, customers)
    }

    /// A JSON array of texts, for `json_each`.
    private static func jsonList(_ texts: [String]) -> String {
        "[" + texts.map(JSONWriter.quote).joined(separator: ",") + "]"
    }

    /// Every customer, in id order, with its latest event of the metric inside the period.
    struct Customers {
        var ids: [String] = []
        var names: [String] = []
        var currencies: [String?] = []
        var lastEventMs: [Int64?] = []
        var positions: [String: Int] = [:]

        init(_ db: Database, metric: String, startMs: Int64, endMs: Int64, only: [String]?) throws {
            let filter = only == nil ? "" : "WHERE id IN (SELECT value FROM json_each(?))"
            let rows = try RawStatement(
                """
                SELECT id, name, currency, (SELECT MAX(ts_ms) FROM event
                    WHERE customer_id = customer.id AND metric_code = ? AND ts_ms >= ? AND ts_ms < ?)
                FROM customer \(filter) ORDER BY id
                """, in: db)
            rows.bind(metric)
            rows.bind(startMs)
            rows.bind(endMs)
            if let only { rows.bind(CustomerTable.jsonList(only)) }
            while try rows.step() {
                let id = rows.text(0) ?? ""
                positions[id] = ids.count
                ids.append(id)
                names.append(rows.text(1) ?? "")
                currencies.append(rows.text(2))
                lastEventMs.append(rows.integer(3))
            }
        }

        func summary(_ index: Int, total: Decimal, daily: DailyValues) -> CustomerSummary {
            CustomerSummary(
                customer: Customer(id: ids[index], name: names[index], currency: currencies[index]), total: total,
                dailyValues: daily, lastEventAt: lastEventMs[index].map(UTCTime.date(milliseconds:)))
        }
    }
}
