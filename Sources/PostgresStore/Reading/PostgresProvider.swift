import Foundation
import LocalStore
import Logging
import PostgresNIO
import UsageCore

/// The PostgreSQL store as a `UsageProvider`: the embedded store's capabilities and answers, each screen's answer read
/// in one snapshot. An idle refresh costs one small query (`changeToken`).
public struct PostgresProvider: UsageProvider {
    /// The store read from.
    public let store: PostgresUsageStore

    /// Creates a provider over an open store.
    public init(store: PostgresUsageStore) {
        self.store = store
    }

    public var name: String { "postgres" }
    public var capabilities: ProviderCapabilities {
        [.timeseries, .clientWideTimeseries, .events, .periodTotals, .hourlyTotals, .bulkTotals]
    }

    public func sourceInfo() async throws -> SourceInfo {
        SourceInfo(label: store.label, isDemoData: false)
    }

    public func changeToken() async throws -> String? {
        try await store.readOne { connection in try await PostgresCatalog.revision(on: connection, logger: store.logger)
        }
    }

    public func metrics() async throws -> [Metric] {
        try await store.read { connection in try await PostgresCatalog.metrics(on: connection, logger: store.logger) }
    }

    public func customer(id: String) async throws -> Customer? {
        try await store.read { connection in
            try await PostgresCatalog.customers(id: id, on: connection, logger: store.logger).first
        }
    }

    public func customers() async throws -> [Customer] {
        try await store.read { connection in try await PostgresCatalog.customers(on: connection, logger: store.logger) }
    }

    public func summaries(metric: Metric, period: Period, trailingDays: Int, now: Date) async throws
        -> [CustomerSummary]
    {
        let endDay = Int64(UTCTime.startOfDay(now).timeIntervalSince1970 / 86_400) + 1
        let firstDay = endDay - Int64(max(1, trailingDays))
        let (startMs, endMs) = Self.bounds(period)
        if metric.billedBy != nil {
            return try await store.read { connection in
                try await Self.billedSummaries(
                    metric: metric, period: period, firstDay: firstDay, endDay: endDay,
                    on: connection, logger: store.logger)
            }
        }
        return try await store.read { connection in
            try await PostgresCustomerTable.summaries(
                metric: metric, startMs: startMs, endMs: endMs, firstDay: firstDay, endDay: endDay, on: connection,
                logger: store.logger)
        }
    }

    public func totals(customerID: String, period: Period) async throws -> [UsageTotal] {
        let (startMs, endMs) = Self.bounds(period)
        let logger = store.logger
        return try await store.read { connection in
            let currency = try await PostgresCatalog.customers(id: customerID, on: connection, logger: logger).first?
                .currency
            var totals: [UsageTotal] = []
            // The provider's own totals, when sync kept them (one read for every metric): alone for a metric billed by
            // it, else beside the store's aggregation of the metric's events.
            let readings = Dictionary(
                grouping: try await PostgresBilled.rows(
                    metric: nil, customer: customerID, startMs: startMs, endMs: endMs, on: connection, logger: logger),
                by: \.metricCode)
            for metric in try await PostgresCatalog.metrics(on: connection, logger: logger) {
                let billed = BilledAnswers.totals(
                    readings[metric.code] ?? [], metric: metric, asked: period, currency: currency)
                if metric.billedBy != nil {
                    totals += billed
                    continue
                }
                let ranges = [(tag: 0, plan: RangePlan(startMs: startMs, endMs: endMs))]
                let partial =
                    try await PlannedQueries.partials(
                        metric, customer: customerID, ranges: ranges, on: connection, logger: logger)[0] ?? Partial()
                var value = partial.value(for: metric.aggregation)
                if metric.aggregation == .uniqueCount {
                    let counts = try await PlannedQueries.uniqueCounts(
                        metric, customer: customerID, ranges: ranges, on: connection, logger: logger)
                    value = Decimal(counts[0] ?? 0)
                }
                totals.append(
                    UsageTotal(
                        metric: metric, value: value, eventCount: Int(partial.count), amountCents: nil,
                        currency: currency))
                totals += billed
            }
            return totals
        }
    }

    public func timeseries(metric: Metric, customerID: String?, period: Period, bucket: Bucket) async throws
        -> TimeSeries
    {
        let (startMs, endMs) = Self.bounds(period)
        let customer = customerID ?? PostgresSchema.allCustomers
        let starts = try bucket.starts(in: period)
        if metric.billedBy != nil {
            return try await store.read { connection in
                let rows = try await PostgresBilled.rows(
                    metric: metric.code, customer: customerID, startMs: startMs, endMs: endMs, on: connection,
                    logger: store.logger)
                return BilledAnswers.series(rows, metric: metric, asked: period, bucket: bucket, starts: starts)
            }
        }
        var ranges = starts.indices.map { index in
            let lower = max(startMs, UTCTime.milliseconds(starts[index]))
            let upper = index + 1 < starts.count ? min(UTCTime.milliseconds(starts[index + 1]), endMs) : endMs
            return (tag: index, plan: RangePlan(startMs: lower, endMs: upper))
        }
        // A unique count or a maximum over the whole period is not the sum of its buckets' values.
        let wholeTag = -1
        if metric.aggregation == .uniqueCount || metric.aggregation == .max {
            ranges.append((tag: wholeTag, plan: RangePlan(startMs: startMs, endMs: endMs)))
        }
        let logger = store.logger
        let values: [Int: Decimal] = try await store.read { [ranges] connection in
            if metric.aggregation == .uniqueCount {
                return try await PlannedQueries.uniqueCounts(
                    metric, customer: customer, ranges: ranges, on: connection, logger: logger
                ).mapValues { Decimal($0) }
            }
            return try await PlannedQueries.partials(
                metric, customer: customer, ranges: ranges, on: connection, logger: logger
            )
            .mapValues { $0.value(for: metric.aggregation) }
        }
        let points = starts.indices.map { TimeSeries.Point(start: starts[$0], value: values[$0] ?? 0) }
        let total = ranges.last?.tag == wholeTag ? values[wholeTag] ?? 0 : points.reduce(0) { $0 + $1.value }
        return TimeSeries(metricCode: metric.code, bucket: bucket, points: points, total: total)
    }

    public func events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int) async throws
        -> Page<UsageEvent>
    {
        try await events(
            customerID: customerID, metric: metric, period: period, page: page, pageSize: pageSize,
            query: EventQuery(newestFirst: false))
    }

    public func events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int, query: EventQuery)
        async throws -> Page<UsageEvent>
    {
        try LocalProvider.requireEvents(metric)
        let (startMs, endMs) = Self.bounds(period)
        return try await store.read { connection in
            try await PostgresEventQueries.page(
                customerID: customerID, metric: metric, startMs: startMs, endMs: endMs, page: page, pageSize: pageSize,
                query: query, on: connection, logger: store.logger)
        }
    }

    public func breakdown(customerID: String, metric: Metric, period: Period, by key: String) async throws
        -> [BreakdownRow]
    {
        try LocalProvider.requireEvents(metric)
        let (startMs, endMs) = Self.bounds(period)
        return try await store.read { connection in
            try await PostgresEventQueries.breakdown(
                customerID: customerID, metric: metric, startMs: startMs, endMs: endMs, key: key, on: connection,
                logger: store.logger)
        }
    }

    /// Every customer's row of a metric billed by a provider, from its readings.
    private static func billedSummaries(
        metric: Metric, period: Period, firstDay: Int64, endDay: Int64, on connection: PostgresConnection,
        logger: Logger
    ) async throws -> [CustomerSummary] {
        let lower = min(UTCTime.milliseconds(period.start), firstDay * BilledRow.dayMs)
        let upper = max(UTCTime.milliseconds(period.end), endDay * BilledRow.dayMs)
        let rows = Dictionary(
            grouping: try await PostgresBilled.rows(
                metric: metric.code, customer: nil, startMs: lower, endMs: upper, on: connection, logger: logger),
            by: \.customerID)
        return try await PostgresCatalog.customers(on: connection, logger: logger).flatMap { customer in
            BilledAnswers.summaries(
                customer: customer, rows: rows[customer.id] ?? [], metric: metric, asked: period,
                firstDay: firstDay, endDay: endDay)
        }
    }

    static func bounds(_ period: Period) -> (Int64, Int64) {
        (UTCTime.milliseconds(period.start), UTCTime.milliseconds(period.end))
    }
}
