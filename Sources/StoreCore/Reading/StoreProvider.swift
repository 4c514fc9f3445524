import Foundation
import UsageCore

/// A usage store as a `UsageProvider`, written once over its backend's primitive reads: the embedded store
/// (`LocalProvider`) and the PostgreSQL one (`PostgresProvider`) answer every screen the same way. Each answer is
/// read in one snapshot; a metric the provider bills by its own totals is answered from the readings sync kept.
package struct StoreProvider<Backend: StoreBackend>: EventListing, SeriesListing, PropertyBreakdowns {
    /// The database read from.
    package let backend: Backend

    /// Creates a provider over an open backend.
    package init(backend: Backend) {
        self.backend = backend
    }

    package var name: String { backend.name }
    package var capabilities: ProviderCapabilities {
        [.clientWideTimeseries, .periodTotals, .hourlyTotals, .bulkTotals]
    }

    package func sourceInfo() async throws -> SourceInfo { try await backend.sourceInfo() }

    /// The store's revision: it changes with every committed write, by this process or another.
    package func changeToken() async throws -> String? { try await backend.changeToken() }

    package func metrics() async throws -> [Metric] {
        try await backend.read { reader in try await reader.metrics() }
    }

    package func customer(id: String) async throws -> Customer? {
        try await backend.read { reader in try await reader.customers(id: id).first }
    }

    package func customers() async throws -> [Customer] {
        try await backend.read { reader in try await reader.customers(id: nil) }
    }

    package func summaries(metric: Metric, period: Period, trailingDays: Int, now: Date) async throws
        -> [CustomerSummary]
    {
        try await summaries(metric: metric, period: period, trailingDays: trailingDays, now: now, progress: nil)
    }

    /// The customers table; where the backend can rank a large store's busiest customers quickly, their rows are
    /// reported first (exact, a screenful), so the table shows them while the rest loads.
    package func summaries(
        metric: Metric, period: Period, trailingDays: Int, now: Date, progress: SummaryProgressHandler?
    ) async throws -> [CustomerSummary] {
        let endDay = Int64(UTCTime.startOfDay(now).timeIntervalSince1970 / 86_400) + 1
        let firstDay = endDay - Int64(max(1, trailingDays))
        let (startMs, endMs) = Self.bounds(period)
        if metric.billedBy != nil {
            return try await backend.read { reader in
                try await Self.billedSummaries(
                    reader, metric: metric, period: period, firstDay: firstDay, endDay: endDay)
            }
        }
        return try await backend.read { reader in
            if let progress,
                let preview = try await reader.customerPreview(
                    metric, startMs: startMs, endMs: endMs, firstDay: firstDay, endDay: endDay, count: Self.previewRows,
                    above: Self.previewAbove)
            {
                progress(SummaryProgress(rows: preview.rows, loaded: preview.rows.count, total: preview.customers))
            }
            return try await reader.customerTable(
                metric, startMs: startMs, endMs: endMs, firstDay: firstDay, endDay: endDay)
        }
    }

    /// How many rows a preview holds: more than a tall terminal shows.
    static var previewRows: Int { 120 }

    /// Above how many customers the busiest come first while the whole table loads.
    static var previewAbove: Int { 10_000 }

    package func totals(customerID: String, period: Period) async throws -> [UsageTotal] {
        let (startMs, endMs) = Self.bounds(period)
        return try await backend.read { reader in
            let dialect = reader.dialect
            let catalogue = try await reader.fetch([
                CatalogSQL.customers(id: customerID, in: dialect),
                BilledSQL.select(metric: nil, customer: customerID, startMs: startMs, endMs: endMs, in: dialect),
                CatalogSQL.metrics(in: dialect),
            ])
            let currency = catalogue[0].first.map(CatalogSQL.customer)?.currency
            let metrics = catalogue[2].map(CatalogSQL.metric)
            let counted = try await Self.eventTotals(
                reader, metrics: metrics.filter { $0.billedBy == nil }, customerID: customerID,
                plan: RangePlan(startMs: startMs, endMs: endMs))
            // The provider's own totals, when sync kept them: alone for a metric billed by it, else beside the
            // store's aggregation of the metric's events.
            let readings = Dictionary(grouping: catalogue[1].map(BilledSQL.reading), by: \.metricCode)
            return metrics.flatMap { metric in
                let own = counted[metric.code].map { total in
                    UsageTotal(
                        metric: metric, value: total.value, eventCount: total.events, amountCents: nil,
                        currency: currency)
                }
                return Array(own.map { [$0] } ?? [])
                    + BilledAnswers.totals(
                        readings[metric.code] ?? [], metric: metric, asked: period, currency: currency)
            }
        }
    }

    /// Each metric's value and event count over `plan` from its events, every metric read in one round.
    private static func eventTotals(
        _ reader: any StoreReader, metrics: [Metric], customerID: String, plan: RangePlan
    ) async throws -> [String: (value: Decimal, events: Int)] {
        let whole: ArraySlice<TaggedRange> = [(tag: 0, plan: plan)]
        var statements: [SQLStatement] = []
        var places: [String: (partial: Int?, unique: Int?)] = [:]
        for metric in metrics {
            var place: (partial: Int?, unique: Int?) = (nil, nil)
            if let partials = PlannedSQL.partials(metric, customer: customerID, ranges: whole, in: reader.dialect) {
                place.partial = statements.count
                statements.append(partials)
            }
            if metric.aggregation == .uniqueCount,
                let unique = PlannedSQL.uniqueCounts(metric, customer: customerID, ranges: whole, in: reader.dialect)
            {
                place.unique = statements.count
                statements.append(unique)
            }
            places[metric.code] = place
        }
        let answers = statements.isEmpty ? [] : try await reader.fetch(statements)
        var totals: [String: (value: Decimal, events: Int)] = [:]
        for metric in metrics {
            let place = places[metric.code]
            let partial = place?.partial.flatMap { answers[$0].first }.map(PlannedSQL.partial) ?? Partial()
            var value = partial.value(for: metric.aggregation)
            if metric.aggregation == .uniqueCount {
                value = Decimal(place?.unique.flatMap { answers[$0].first?[1].integer } ?? 0)
            }
            totals[metric.code] = (value, Int(partial.count))
        }
        return totals
    }

    package func timeseries(metric: Metric, customerID: String?, period: Period, bucket: Bucket) async throws
        -> TimeSeries
    {
        let (startMs, endMs) = Self.bounds(period)
        let starts = try bucket.starts(in: period)
        if metric.billedBy != nil {
            return try await backend.read { reader in
                let rows = try await reader.billedRows(
                    metric: metric.code, customer: customerID, startMs: startMs, endMs: endMs)
                return BilledAnswers.series(rows, metric: metric, asked: period, bucket: bucket, starts: starts)
            }
        }
        var ranges: [TaggedRange] = starts.indices.map { index in
            let lower = max(startMs, UTCTime.milliseconds(starts[index]))
            let upper = index + 1 < starts.count ? min(UTCTime.milliseconds(starts[index + 1]), endMs) : endMs
            return (tag: index, plan: RangePlan(startMs: lower, endMs: upper))
        }
        // A unique count or a maximum over the whole period is not the sum of its buckets' values.
        let wholeTag = -1
        if metric.aggregation == .uniqueCount || metric.aggregation == .max {
            ranges.append((tag: wholeTag, plan: RangePlan(startMs: startMs, endMs: endMs)))
        }
        let customer = customerID ?? StoreTables.allCustomers
        let values: [Int: Decimal] = try await backend.read { [ranges] reader in
            if metric.aggregation == .uniqueCount {
                return try await reader.uniqueCounts(metric, customer: customer, ranges: ranges).mapValues {
                    Decimal($0)
                }
            }
            return try await reader.partials(metric, customer: customer, ranges: ranges)
                .mapValues { $0.value(for: metric.aggregation) }
        }
        let points = starts.indices.map { TimeSeries.Point(start: starts[$0], value: values[$0] ?? 0) }
        let total = ranges.last?.tag == wholeTag ? values[wholeTag] ?? 0 : points.reduce(0) { $0 + $1.value }
        return TimeSeries(metricCode: metric.code, bucket: bucket, points: points, total: total)
    }

    package func events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int) async throws
        -> Page<UsageEvent>
    {
        try await events(
            customerID: customerID, metric: metric, period: period, page: page, pageSize: pageSize,
            query: EventQuery(newestFirst: false))
    }

    /// Events in the order asked, narrowed by the query's property conditions and text over every event of the
    /// period (not one page).
    package func events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int, query: EventQuery)
        async throws -> Page<UsageEvent>
    {
        try Self.requireEvents(metric)
        let (startMs, endMs) = Self.bounds(period)
        return try await backend.read { reader in
            try await reader.eventPage(
                customerID: customerID, metric: metric, startMs: startMs, endMs: endMs, page: page, pageSize: pageSize,
                query: query)
        }
    }

    package func breakdown(customerID: String, metric: Metric, period: Period, by key: String) async throws
        -> [BreakdownRow]
    {
        try Self.requireEvents(metric)
        let (startMs, endMs) = Self.bounds(period)
        return try await backend.read { reader in
            try await reader.breakdown(customerID: customerID, metric: metric, startMs: startMs, endMs: endMs, key: key)
        }
    }

    /// The readings kept of a customer's metrics whose periods overlap `period` (what `EventStore.billedRows` gives).
    package func billedRows(customer: String, period: Period) async throws(UsageError) -> [BilledRow] {
        let (startMs, endMs) = Self.bounds(period)
        do {
            return try await backend.read { reader in
                try await reader.billedRows(metric: nil, customer: customer, startMs: startMs, endMs: endMs)
            }
        } catch {
            throw error as? UsageError ?? UsageError(.storage, "\(backend.name): \(error)")
        }
    }

    /// What the store holds of a customer's events of `metric` over `period` (what `EventStore.copied` gives).
    package func copied(customer: String, metric: Metric, period: Period, subscription: String?)
        async throws(UsageError) -> CopiedEvents
    {
        do {
            return try await backend.read { reader in
                let statement = CopiedEvents.statement(
                    customer: customer, metric: metric, period: period, subscription: subscription, in: reader.dialect)
                return CopiedEvents(metric: metric, row: try await reader.fetch(statement).first)
            }
        } catch {
            throw error as? UsageError ?? UsageError(.storage, "\(backend.name): \(error)")
        }
    }

    /// Every customer's row of a metric billed by a provider, from its readings.
    private static func billedSummaries(
        _ reader: any StoreReader, metric: Metric, period: Period, firstDay: Int64, endDay: Int64
    ) async throws -> [CustomerSummary] {
        let lower = min(UTCTime.milliseconds(period.start), firstDay * BilledRow.dayMs)
        let upper = max(UTCTime.milliseconds(period.end), endDay * BilledRow.dayMs)
        let rows = Dictionary(
            grouping: try await reader.billedRows(metric: metric.code, customer: nil, startMs: lower, endMs: upper),
            by: \.customerID)
        return try await reader.customers(id: nil).flatMap { customer in
            BilledAnswers.summaries(
                customer: customer, rows: rows[customer.id] ?? [], metric: metric, asked: period,
                firstDay: firstDay, endDay: endDay)
        }
    }

    /// Fails for a metric the store holds only the provider's totals of: it has no events to list.
    static func requireEvents(_ metric: Metric) throws(UsageError) {
        if let provider = metric.billedBy {
            throw UsageError(
                .unsupported, "\(metric.code) is kept as \(provider)'s own totals: the store holds no events of it")
        }
    }

    private static func bounds(_ period: Period) -> (Int64, Int64) {
        (UTCTime.milliseconds(period.start), UTCTime.milliseconds(period.end))
    }
}
