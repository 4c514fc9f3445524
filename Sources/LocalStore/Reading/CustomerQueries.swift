import Foundation
import GRDB
import StoreCore
import UsageCore

/// Bulk queries for the customers table: one metric's partial aggregates for every customer at once (the edges of a
/// period, and unique counts, through `PlannedSQL`), and daily distinct counts, grouped in SQL.
enum CustomerQueries {
    /// Each customer's partial aggregate of `metric` over the plan's pieces (a unique count as the count), or only
    /// those of `only`'s customers.
    static func totals(_ db: Database, metric: Metric, plan: RangePlan, only: [String]? = nil) throws
        -> [String: Partial]
    {
        guard let statement = PlannedSQL.byCustomer(metric, plan: plan, only: only, in: .sqlite) else { return [:] }
        var partials: [String: Partial] = [:]
        for row in try statement.rows(db) { partials[row[0].text ?? ""] = PlannedSQL.partial(row) }
        return partials
    }

    /// Each customer's daily distinct counts of a unique-count metric for day slots `[firstDay, endDay)`.
    static func daily(_ db: Database, metric: Metric, firstDay: Int64, endDay: Int64) throws -> [String: [Int64: Int64]]
    {
        var result: [String: [Int64: Int64]] = [:]
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT customer_id, slot, COUNT(*) FROM distinct_day
                    WHERE metric_code = ? AND customer_id != '' AND slot >= ? AND slot < ? GROUP BY 1, 2
                    """), arguments: [metric.code, firstDay, endDay])
        while let row = try rows.next() { result[row[0], default: [:]][row[1]] = row[2] }
        return result
    }
}
