import Foundation
import GRDB
import UsageCore

/// The embedded store as a `UsageProvider`: every capability, answered from rollups.
public struct LocalProvider: UsageProvider {
    /// The store read from.
    public let store: UsageStore

    /// Creates a provider over an open store.
    public init(store: UsageStore) {
        self.store = store
    }

    public var name: String { "local" }
    public var capabilities: ProviderCapabilities {
        [.timeseries, .clientWideTimeseries, .events, .periodTotals, .hourlyTotals, .bulkTotals]
    }

    public func sourceInfo() async throws -> SourceInfo {
        SourceInfo(label: "local \(Self.abbreviate(store.path))", isDemoData: try store.isDemoData())
    }

    /// The store's revision: it changes with every committed write, by this process or another.
    public func changeToken() async throws -> String? {
        try await store.asyncRead { db in try Catalog.revision(in: db) }
    }

    public func metrics() async throws -> [Metric] {
        try await store.asyncRead { db in try UsageStore.fetchMetrics(db) }
    }

    public func customer(id: String) async throws -> Customer? {
        try await store.asyncRead { db in
            try Row.fetchOne(db, sql: "SELECT id, name, currency FROM customer WHERE id = ?", arguments: [id]).map {
                Customer(id: $0[0], name: $0[1], currency: $0[2])
            }
        }
    }

    public func customers() async throws -> [Customer] {
        try await store.asyncRead { db in
            try Row.fetchAll(db, sql: "SELECT id, name, currency FROM customer ORDER BY id").map {
                Customer(id: $0[0], name: $0[1], currency: $0[2])
            }
        }
    }

    public func summaries(metric: Metric, period: Period, trailingDays: Int, now: Date) async throws
        -> [CustomerSummary]
    {
        try await summaries(metric: metric, period: period, trailingDays: trailingDays, now: now, progress: nil)
    }

    /// The customers table; on a large store the busiest customers' rows are reported first (exact, a screenful),
    /// so the table shows them while the rest loads.
    public func summaries(
        metric: Metric, period: Period, trailingDays: Int, now: Date, progress: SummaryProgressHandler?
    )
        async throws -> [CustomerSummary]
    {
        let endDay = Int64(UTCTime.startOfDay(now).timeIntervalSince1970 / 86_400) + 1
        let firstDay = endDay - Int64(max(1, trailingDays))
        let (startMs, endMs) = Self.bounds(period)
        if metric.billedBy != nil {
            return try await store.asyncRead { db in
                try Self.billedSummaries(db, metric: metric, period: period, firstDay: firstDay, endDay: endDay)
            }
        }
        if let progress {
            let preview = try await store.asyncRead { db in
                try CustomerTable.preview(
                    db, metric: metric, startMs: startMs, endMs: endMs, firstDay: firstDay, endDay: endDay,
                    count: Self.previewRows)
            }
            if let preview {
                progress(SummaryProgress(rows: preview.rows, loaded: preview.rows.count, total: preview.customers))
            }
        }
        return try await store.asyncRead { db in
            try CustomerTable.summaries(
                db, metric: metric, startMs: startMs, endMs: endMs, firstDay: firstDay, endDay: endDay)
        }
    }

    /// How many rows a preview holds: more than a tall terminal shows.
    static let previewRows = 120

    public func totals(customerID: String, period: Period) async throws -> [UsageTotal] {
        let (startMs, endMs) = Self.bounds(period)
        return try await store.asyncRead { db in
            let currency = try String.fetchOne(
                db, sql: "SELECT currency FROM customer WHERE id = ?", arguments: [customerID])
            // The provider's own totals, when sync kept them (one read for every metric): alone for a metric billed by
            // it, else beside the store's aggregation of the metric's events.
            let readings = Dictionary(
                grouping: try BilledQueries.rows(
                    db, metric: nil, customer: customerID, startMs: startMs, endMs: endMs), by: \.metricCode)
            return try UsageStore.fetchMetrics(db).flatMap { metric in
                let billed = BilledAnswers.totals(
                    readings[metric.code] ?? [], metric: metric, asked: period, currency: currency)
                if metric.billedBy != nil { return billed }
                let (value, count) = try AggregateQueries.value(
                    db, metric: metric, customer: customerID, startMs: startMs, endMs: endMs)
                return [
                    UsageTotal(
                        metric: metric, value: value, eventCount: Int(count), amountCents: nil, currency: currency)
                ]
                    + billed
            }
        }
    }

    public func timeseries(metric: Metric, customerID: String?, period: Period, bucket: Bucket) async throws
        -> TimeSeries
    {
        let (startMs, endMs) = Self.bounds(period)
        let customer = customerID ?? StoreSchema.allCustomers
        let starts = try bucket.starts(in: period)
        if metric.billedBy != nil {
            return try await store.asyncRead { db in
                let rows = try BilledQueries.rows(
                    db, metric: metric.code, customer: customerID, startMs: startMs, endMs: endMs)
                return BilledAnswers.series(rows, metric: metric, asked: period, bucket: bucket, starts: starts)
            }
        }
        return try await store.asyncRead { db in
            var points: [TimeSeries.Point] = []
            points.reserveCapacity(starts.count)
            for (index, start) in starts.enumerated() {
                let lower = max(startMs, UTCTime.milliseconds(start))
                let upper = index + 1 < starts.count ? UTCTime.milliseconds(starts[index + 1]) : endMs
                let (value, _) = try AggregateQueries.value(
                    db, metric: metric, customer: customer, startMs: lower, endMs: min(upper, endMs))
                points.append(TimeSeries.Point(start: start, value: value))
            }
            let total: Decimal
            if metric.aggregation == .uniqueCount || metric.aggregation == .max {
                total = try AggregateQueries.value(
                    db, metric: metric, customer: customer, startMs: startMs, endMs: endMs
                ).value
            } else {
                total = points.reduce(0) { $0 + $1.value }
            }
            return TimeSeries(metricCode: metric.code, bucket: bucket, points: points, total: total)
        }
    }

    public func events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int) async throws
        -> Page<UsageEvent>
    {
        try await events(
            customerID: customerID, metric: metric, period: period, page: page, pageSize: pageSize,
            query: EventQuery(newestFirst: false))
    }

    public func breakdown(customerID: String, metric: Metric, period: Period, by key: String) async throws
        -> [BreakdownRow]
    {
        try Self.requireEvents(metric)
        let (startMs, endMs) = Self.bounds(period)
        return try await store.asyncRead { db in
            try BreakdownQuery.rows(
                db, customerID: customerID, metric: metric, startMs: startMs, endMs: endMs, key: key)
        }
    }

    /// Events in the order asked, narrowed in SQL by the query's property conditions over every event of the
    /// period (not one page).
    public func events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int, query: EventQuery)
        async throws -> Page<UsageEvent>
    {
        try Self.requireEvents(metric)
        let (startMs, endMs) = Self.bounds(period)
        return try await store.asyncRead { db in
            var arguments: StatementArguments = [customerID, metric.code, startMs, endMs]
            var filter = "customer_id = ? AND metric_code = ? AND ts_ms >= ? AND ts_ms < ?"
            for match in query.matches {
                // json_each compares the key exactly, whatever it holds (dots, quotes); values compare as text.
                filter +=
                    " AND EXISTS (SELECT 1 FROM json_each(event.properties) AS p WHERE p.key = ? AND CAST(p.value AS TEXT) = ?)"
                arguments += [match.key, match.value]
            }
            if let text = query.text, !text.isEmpty {
                filter += " AND instr(lower(transaction_id || ' ' || properties), lower(?)) > 0"
                arguments += [text]
            }
            let total =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event WHERE \(filter)", arguments: arguments) ?? 0
            let order = query.newestFirst ? "ts_ms DESC, seq DESC" : "ts_ms, seq"
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT transaction_id, ts_ms, properties, subscription_id FROM event WHERE \(filter)
                    ORDER BY \(order) LIMIT ? OFFSET ?
                    """,
                arguments: arguments + [pageSize, page * pageSize])
            let items = rows.map { row in
                let subscription: String = row[3]
                return UsageEvent(
                    transactionID: row[0], customerID: customerID, metricCode: metric.code,
                    timestamp: UTCTime.date(milliseconds: row[1]),
                    properties: (try? JSONParser.parse(row[2] as String)) ?? .object([]),
                    subscriptionID: subscription.isEmpty ? nil : subscription)
            }
            return Page(items: items, index: page, size: pageSize, totalCount: total, newestFirst: query.newestFirst)
        }
    }

    /// Every customer's row of a metric billed by a provider, from its readings.
    private static func billedSummaries(_ db: Database, metric: Metric, period: Period, firstDay: Int64, endDay: Int64)
        throws -> [CustomerSummary]
    {
        let lower = min(UTCTime.milliseconds(period.start), firstDay * BilledRow.dayMs)
        let upper = max(UTCTime.milliseconds(period.end), endDay * BilledRow.dayMs)
        let rows = Dictionary(
            grouping: try BilledQueries.rows(db, metric: metric.code, customer: nil, startMs: lower, endMs: upper),
            by: \.customerID)
        return try Row.fetchAll(db, sql: "SELECT id, name, currency FROM customer ORDER BY id").flatMap { row in
            let customer = Customer(id: row[0], name: row[1], currency: row[2])
            return BilledAnswers.summaries(
                customer: customer, rows: rows[customer.id] ?? [], metric: metric, asked: period,
                firstDay: firstDay, endDay: endDay)
        }
    }

    /// Fails for a metric the store holds only the provider's totals of: it has no events to list.
    package static func requireEvents(_ metric: Metric) throws(UsageError) {
        if let provider = metric.billedBy {
            throw UsageError(
                .unsupported, "\(metric.code) is kept as \(provider)'s own totals: the store holds no events of it")
        }
    }

    static func bounds(_ period: Period) -> (Int64, Int64) {
        (UTCTime.milliseconds(period.start), UTCTime.milliseconds(period.end))
    }

    static func abbreviate(_ path: String) -> String {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        return !home.isEmpty && path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path
    }
}
