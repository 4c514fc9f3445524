import Foundation
import UsageCore

/// A range of a read, tagged so that many ranges can be answered by one statement.
package typealias TaggedRange = (tag: Int, plan: RangePlan)

/// The primitive reads a store backend answers. Every read of one answer goes to the same reader, which sees one
/// snapshot of the store; `StoreProvider` composes them into the answers every screen asks for.
package protocol StoreReader: Sendable {
    /// The dialect the reader's statements are written in.
    var dialect: SQLDialect { get }

    /// The rows of each statement written once for both stores (`CatalogSQL`, `BilledSQL`, `PlannedSQL`,
    /// `EventSQL`), decoded per its columns, all in one round.
    func fetch(_ statements: [SQLStatement]) async throws -> [[[SQLValue]]]

    /// Every customer's row of `metric` over `[startMs, endMs)`, with daily values for day slots `[firstDay, endDay)`
    /// and the last event inside the period.
    func customerTable(_ metric: Metric, startMs: Int64, endMs: Int64, firstDay: Int64, endDay: Int64) async throws
        -> [CustomerSummary]

    /// The rows of the `count` busiest customers of a table of more than `above` customers, and how many customers
    /// there are, to show while the whole table loads; nil for a smaller table or when the store has no quicker way.
    func customerPreview(
        _ metric: Metric, startMs: Int64, endMs: Int64, firstDay: Int64, endDay: Int64, count: Int, above: Int
    ) async throws -> (rows: [CustomerSummary], customers: Int)?
}

extension StoreReader {
    /// The rows of one statement.
    package func fetch(_ statement: SQLStatement) async throws -> [[SQLValue]] {
        try await fetch([statement])[0]
    }

    /// All metrics in display order.
    package func metrics() async throws -> [Metric] {
        try await fetch(CatalogSQL.metrics(in: dialect)).map(CatalogSQL.metric)
    }

    /// The customer `id` (nil: every customer), in id order.
    package func customers(id: String?) async throws -> [Customer] {
        try await fetch(CatalogSQL.customers(id: id, in: dialect)).map(CatalogSQL.customer)
    }

    /// The provider's own readings of `metric` (nil: every metric) of `customer` (nil: every customer) whose periods
    /// overlap `[startMs, endMs)`.
    package func billedRows(metric: String?, customer: String?, startMs: Int64, endMs: Int64) async throws
        -> [BilledRow]
    {
        try await fetch(
            BilledSQL.select(metric: metric, customer: customer, startMs: startMs, endMs: endMs, in: dialect)
        ).map(BilledSQL.reading)
    }

    /// Count, sum and maximum of `metric` per tag, for `customer` (`StoreTables.allCustomers`: all of them).
    package func partials(_ metric: Metric, customer: String, ranges: [TaggedRange]) async throws -> [Int: Partial] {
        let statements = PlannedSQL.chunks(ranges).compactMap {
            PlannedSQL.partials(metric, customer: customer, ranges: $0, in: dialect)
        }
        var result: [Int: Partial] = [:]
        for row in try await (statements.isEmpty ? [] : fetch(statements)).joined() {
            result[Int(row[0].integer ?? 0), default: Partial()].merge(PlannedSQL.partial(row))
        }
        return result
    }

    /// Distinct values of `metric`'s field per tag, for `customer` (`StoreTables.allCustomers`: all of them).
    package func uniqueCounts(_ metric: Metric, customer: String, ranges: [TaggedRange]) async throws -> [Int: Int64] {
        let statements = PlannedSQL.chunks(ranges).compactMap {
            PlannedSQL.uniqueCounts(metric, customer: customer, ranges: $0, in: dialect)
        }
        var result: [Int: Int64] = [:]
        for row in try await (statements.isEmpty ? [] : fetch(statements)).joined() {
            result[Int(row[0].integer ?? 0)] = row[1].integer ?? 0
        }
        return result
    }

    /// A page of a customer's events of `metric` in `[startMs, endMs)`, narrowed and ordered by `query`.
    ///
    /// A page of every event counts them from the rollups (whole days and hours, and only the unaligned edges from
    /// the events), in the same round as its rows: a busy customer's month costs a few index probes, not a count of
    /// its events. A narrowed page counts its matches with its rows.
    package func eventPage(
        customerID: String, metric: Metric, startMs: Int64, endMs: Int64, page: Int, pageSize: Int, query: EventQuery
    ) async throws -> Page<UsageEvent> {
        let statements = EventSQL.page(
            customerID: customerID, metric: metric, startMs: startMs, endMs: endMs, page: page, pageSize: pageSize,
            query: query, in: dialect)
        let rows: [[SQLValue]]
        var total: Int64?
        if !query.narrows,
            let counted = PlannedSQL.partials(
                metric, customer: customerID, ranges: [(tag: 0, plan: RangePlan(startMs: startMs, endMs: endMs))],
                in: dialect)
        {
            let answers = try await fetch([statements.rows, counted])
            rows = answers[0]
            total = answers[1].first?[1].integer ?? 0
        } else {
            rows = try await fetch(statements.rows)
            total = rows.first?[3].integer
        }
        // A page past the end still says how many there are.
        if total == nil { total = try await fetch(statements.count).first?[0].integer }
        return Page(
            items: rows.map { EventSQL.event($0, customerID: customerID, metric: metric) }, index: page, size: pageSize,
            totalCount: Int(total ?? 0), newestFirst: query.newestFirst)
    }

    /// A customer's events of `metric` in `[startMs, endMs)` grouped by the property `key`.
    package func breakdown(customerID: String, metric: Metric, startMs: Int64, endMs: Int64, key: String) async throws
        -> [BreakdownRow]
    {
        EventSQL.breakdownRows(
            try await fetch(
                EventSQL.breakdown(
                    customerID: customerID, metric: metric, startMs: startMs, endMs: endMs, key: key, in: dialect)))
    }
}
