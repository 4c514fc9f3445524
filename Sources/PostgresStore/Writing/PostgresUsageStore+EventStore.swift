import Foundation
import StoreCore
import PostgresNIO
import UsageCore

/// The PostgreSQL store as an `EventStore`: lines are read and validated on a thread of their own by the same parser
/// as the embedded store's, streamed a chunk at a time by `COPY` into a staging table and merged into the events in
/// one statement (`EventBatchWriter`), all inside one transaction.
extension PostgresUsageStore: EventStore {
    public var reader: any EventListing & SeriesListing & PropertyBreakdowns { PostgresProvider(store: self) }

    /// A role without write rights finds out at the first write, from the server's own message.
    public func requireWritable(for action: String) throws(UsageError) {}

    public func ingest(_ input: IngestInput, metrics: [Metric], customers: [Customer], skipInvalid: Bool)
        async throws(UsageError) -> IngestReport
    {
        let reader = try input.reader()
        let logger = logger
        var report: IngestReport
        do {
            report = try await write { connection in
                try await Self.upsert(metrics: metrics, customers: customers, on: connection, logger: logger)
                let known = try await CatalogSQL.metrics(in: .postgres).rows(on: connection, logger: logger).map(
                    CatalogSQL.metric)
                let pipeline = ParsingPipeline(
                    reader: reader,
                    parser: EventLineParser(
                        metrics: Dictionary(known.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })),
                    chunkLines: 32_768, countsRollups: false)
                let before = try await EventBatchWriter.lastSeq(on: connection, logger: logger)
                var report = IngestReport()
                let (staged, days) = try await Self.stage(
                    pipeline, source: input.name, skipInvalid: skipInvalid, into: &report, on: connection,
                    logger: logger)
                report.committed = report.rejectedCount == 0 || skipInvalid
                if report.committed, staged > 0 {
                    try await EventBatchWriter.partition(days: days, on: connection, logger: logger)
                    try await EventBatchWriter.merge(
                        staged: staged, after: before, into: &report, on: connection, logger: logger)
                }
                if report.committed, report.inserted > 0 {
                    try await RollupWriter.rollUp(from: "event_stage", on: connection, logger: logger)
                }
                return (report, report.committed)
            }
        } catch {
            throw UsageError(error.kind, "ingest into \(location) failed: \(error.message)")
        }
        if !report.committed { report.inserted = 0 }
        return report
    }

    /// Streams the pipeline's events into the staging table a chunk at a time, its rejections and notes into
    /// `report`; returns how many were staged and the UTC days they fall on. After a rejected line a strict load
    /// stages no more (it will be rolled back).
    private static func stage(
        _ pipeline: ParsingPipeline, source: String, skipInvalid: Bool, into report: inout IngestReport,
        on connection: PostgresConnection, logger: Logger
    ) async throws -> (staged: Int, days: Set<Int64>) {
        try await EventBatchWriter.stage(on: connection, logger: logger)
        var staged = 0
        var days = Set<Int64>()
        var done = false
        defer { if !done { pipeline.stop() } }
        while !done {
            let chunk = try await OffPool.run { pipeline.next() }
            for rejection in chunk.rejections { report.reject(line: rejection.line, reason: rejection.reason) }
            for note in chunk.notes { report.note(line: note.line, note.note) }
            if let failure = chunk.failure {
                done = true
                throw LineReader.describe(failure, source: source)
            }
            done = chunk.isLast
            guard report.rejectedCount == 0 || skipInvalid else { continue }
            try await EventBatchWriter.copy(chunk.events, from: staged + 1, days: &days, on: connection, logger: logger)
            staged += chunk.events.count
        }
        return (staged, days)
    }

    private static func upsert(
        metrics: [Metric], customers: [Customer], on connection: PostgresConnection, logger: Logger
    )
        async throws
    {
        for metric in metrics {
            try await connection.query(CatalogSQL.upsert(metric, in: .postgres).query, logger: logger)
        }
        guard !customers.isEmpty else { return }
        // One row per id (the last wins, as one upsert after another would): a statement may touch a row once.
        var latest: [String: Customer] = [:]
        for customer in customers { latest[customer.id] = customer }
        let unique = Array(latest.values)
        try await connection.query(
            """
            INSERT INTO customer (id, name, currency)
            SELECT id, name, NULLIF(currency, '') FROM unnest(\(unique.map(\.id)), \(unique.map(\.name)), \(unique.map { $0.currency ?? "" }))
                AS t(id, name, currency)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, currency = COALESCE(excluded.currency, customer.currency)
            """, logger: logger)
    }

    public func copied(customer: String, metric: Metric, period: Period, subscription: String?)
        async throws(UsageError) -> CopiedEvents
    {
        try await PostgresProvider(store: self).copied(
            customer: customer, metric: metric, period: period, subscription: subscription)
    }

    public func recordBilled(_ rows: [BilledRow], source: String) async throws(UsageError) {
        guard !rows.isEmpty else { return }
        try await write { connection in
            for row in rows {
                try await connection.query(
                    BilledSQL.upsert(row, source: source, in: .postgres).query, logger: self.logger)
            }
            return ((), true)
        }
    }

    public func recordPlans(_ plans: [String: String]) async throws(UsageError) {
        guard !plans.isEmpty else { return }
        // Quietly: a plan is bookkeeping for reconcile, and no screen should reload because a pass kept it again.
        try await write(
            { connection in
                for (subscription, json) in plans.sorted(by: { $0.key < $1.key }) {
                    try await connection.query(
                        PlanSQL.upsert(subscription: subscription, json: json, in: .postgres).query, logger: self.logger
                    )
                }
                return ((), true)
            }, revision: false)
    }

    public func held(_ events: [EventActivity.Listed]) async throws(UsageError) -> Set<EventActivity.Listed> {
        let statements = HeldSQL.select(events, in: .postgres)
        guard !statements.isEmpty else { return [] }
        let rows = try await readOne { [logger] connection in
            var rows: [[SQLValue]] = []
            for statement in statements { rows += try await statement.rows(on: connection, logger: logger) }
            return rows
        }
        return HeldSQL.held(events, rows: rows)
    }

    public func syncState(source: String) async throws(UsageError) -> String? {
        let sql = MetaSQL.select(key: MetaSQL.syncKey(source), in: .postgres)
        return try await readOne { [logger] connection in
            try await sql.rows(on: connection, logger: logger).first?.first?.text
        }
    }

    public func recordSyncState(_ state: String, source: String) async throws(UsageError) {
        try await write(
            { connection in
                try await connection.query(
                    MetaSQL.upsert(key: MetaSQL.syncKey(source), value: state, in: .postgres).query,
                    logger: self.logger)
                return ((), true)
            }, revision: false)
    }

    public func billedRows(customer: String, period: Period) async throws(UsageError) -> [BilledRow] {
        try await PostgresProvider(store: self).billedRows(customer: customer, period: period)
    }

    public func eventCount(before cutoff: Date) async throws(UsageError) -> Int {
        let sql = PruneSQL.count(before: UTCTime.milliseconds(cutoff), in: .postgres)
        return try await readOne { [logger] connection in
            Int(try await sql.rows(on: connection, logger: logger).first?.first?.integer ?? 0)
        }
    }

    public func prune(before cutoff: Date) async throws(UsageError) -> Int {
        let ms = UTCTime.milliseconds(cutoff)
        return try await write { [logger] connection in
            let count = Int(
                try await PruneSQL.count(before: ms, in: .postgres).rows(on: connection, logger: logger).first?.first?
                    .integer ?? 0)
            let whole = try await EventPartitions.clear(before: ms, on: connection, logger: logger)
            for statement in PruneSQL.delete(before: ms, in: .postgres) {
                try await connection.query(statement.query, logger: logger)
            }
            try await EventPartitions.drop(whole, on: connection, logger: logger)
            return (count, true)
        }
    }
}
