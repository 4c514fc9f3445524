import Foundation
import GRDB
import StoreCore
import UsageCore

/// Loads real events (Lago's ingest shape, one JSON object per line) into the store.
///
/// Everything happens in one transaction: by default any invalid line rolls the whole load back;
/// with `skipInvalid` the valid lines are kept. A store that holds only generated demo data has it replaced,
/// so real numbers are never mixed with made-up ones.
public struct Ingestor {
    private let store: UsageStore
    /// How many rollup rows wait in memory before they are merged into the tables (tests make it small).
    var rollupRowsPerMerge = RollupAccumulator.maxPendingRows

    /// Creates an ingestor for `store`.
    public init(store: UsageStore) {
        self.store = store
    }

    /// The page cache while ingesting, as SQLite's negative KiB count (128 MiB).
    package static let bulkCacheKiB = -131_072

    /// Ingests `eventsPath` after upserting the optional metrics and customers.
    public func ingest(
        eventsPath: String, metrics: [Metric] = [], customers: [Customer] = [], skipInvalid: Bool = false
    )
        throws(UsageError) -> IngestReport
    {
        try ingest(.file(eventsPath), metrics: metrics, customers: customers, skipInvalid: skipInvalid)
    }

    /// Ingests a file or lines in memory (how a sync writes a page of copied events).
    func ingest(_ input: IngestInput, metrics: [Metric], customers: [Customer], skipInvalid: Bool)
        throws(UsageError) -> IngestReport
    {
        try store.requireWritable(for: "ingest")
        var reader = try input.reader()
        var report = IngestReport()
        do {
            try store.database.writeWithoutTransaction { db in
                // A bulk load touches many index pages: a large page cache for its duration keeps them in memory
                // instead of writing and reading them back (the profile's largest cost with the everyday 1 MB cache).
                try db.execute(sql: "PRAGMA cache_size = \(Self.bulkCacheKiB)")
                defer { try? db.execute(sql: "PRAGMA cache_size = -1024; PRAGMA shrink_memory") }
                try db.inTransaction {
                    try load(
                        &reader, metrics: metrics, customers: customers, skipInvalid: skipInvalid, report: &report,
                        db: db)
                    report.committed = report.rejectedCount == 0 || skipInvalid
                    if report.replacedDemoData, report.inserted == 0, report.duplicateCount == 0, metrics.isEmpty,
                        customers.isEmpty
                    {
                        // Nothing to replace the demo data with (an empty file): it stays.
                        (report.committed, report.replacedDemoData, report.keptDemoData) = (false, false, true)
                    }
                    if report.committed { try Catalog.bumpRevision(in: db) }
                    return report.committed ? .commit : .rollback
                }
            }
        } catch let failure as LineReader.Failure {
            throw LineReader.describe(failure, source: input.name)
        } catch {
            throw UsageError(.storage, "ingest into \(store.path) failed: \(UsageStore.describe(error))")
        }
        if !report.committed { report.inserted = 0 }
        return report
    }

    private func load(
        _ reader: inout LineReader, metrics: [Metric], customers: [Customer], skipInvalid: Bool,
        report: inout IngestReport, db: Database
    ) throws {
        if try Catalog.isDemo(in: db) {
            try Catalog.clearAll(in: db)
            report.replacedDemoData = true
        }
        try Catalog.upsert(metrics: metrics, in: db)
        try Catalog.upsert(customers: customers, in: db)
        let parser = EventLineParser(metrics: try Catalog.metricsByCode(in: db))
        var writer = EventWriter()
        try writer.prepare(in: db)
        // Lines are read, parsed and counted into rollups on another thread while this one writes.
        let pipeline = ParsingPipeline(reader: reader, parser: parser, rollupRows: rollupRowsPerMerge)
        var done = false
        defer { if !done { pipeline.stop() } }
        while !done {
            var chunk = pipeline.next()
            for rejection in chunk.rejections { report.reject(line: rejection.line, reason: rejection.reason) }
            for note in chunk.notes { report.note(line: note.line, note.note) }
            if let failure = chunk.failure { done = true; throw failure }
            done = chunk.isLast
            // After a rejected line a strict load is rolled back: writing more would be wasted.
            guard report.rejectedCount == 0 || skipInvalid else { continue }
            if !chunk.events.isEmpty {
                try Catalog.ensure(customerIDs: Set(chunk.events.map(\.customerID)), in: db)
                let outcome = try writer.write(chunk.events, into: db)
                report.inserted += outcome.inserted
                outcome.duplicates.forEach { report.duplicate($0) }
            }
            if var rollups = chunk.rollups.take() { try writer.merge(&rollups, into: db) }
        }
        try writer.flush(into: db)
        if report.inserted > 0 { try Catalog.setOrigin("ingested", in: db) }
    }
}
