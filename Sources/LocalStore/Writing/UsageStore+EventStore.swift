import Foundation
import GRDB
import StoreCore
import UsageCore

/// The embedded store as an `EventStore`: ingest through `Ingestor` on a thread of its own.
extension UsageStore: EventStore {
    public var location: String { path }

    public var reader: any EventListing & SeriesListing & PropertyBreakdowns { LocalProvider(store: self) }

    public func ingest(_ input: IngestInput, metrics: [Metric], customers: [Customer], skipInvalid: Bool)
        async throws(UsageError) -> IngestReport
    {
        try await OffPool.run { () throws(UsageError) in
            try Ingestor(store: self).ingest(input, metrics: metrics, customers: customers, skipInvalid: skipInvalid)
        }
    }

    public func copied(customer: String, metric: Metric, period: Period, subscription: String?)
        async throws(UsageError) -> CopiedEvents
    {
        try await LocalProvider(store: self).copied(
            customer: customer, metric: metric, period: period, subscription: subscription)
    }

    public func recordBilled(_ rows: [BilledRow], source: String) async throws(UsageError) {
        guard !rows.isEmpty else { return }
        try await OffPool.run { () throws(UsageError) in
            try self.write { db in
                for row in rows { try BilledSQL.upsert(row, source: source, in: .sqlite).execute(db) }
            }
        }
    }

    public func recordPlans(_ plans: [String: String]) async throws(UsageError) {
        guard !plans.isEmpty else { return }
        // Quietly: a plan is bookkeeping for reconcile, and no screen should reload because a pass kept it again.
        try await OffPool.run { () throws(UsageError) in
            try self.writeQuietly { db in
                for (subscription, json) in plans.sorted(by: { $0.key < $1.key }) {
                    try PlanSQL.upsert(subscription: subscription, json: json, in: .sqlite).execute(db)
                }
            }
        }
    }

    public func held(_ events: [EventActivity.Listed]) async throws(UsageError) -> Set<EventActivity.Listed> {
        let statements = HeldSQL.select(events, in: .sqlite)
        guard !statements.isEmpty else { return [] }
        let rows = try await asyncRead { db in try statements.flatMap { try $0.rows(db) } }
        return HeldSQL.held(events, rows: rows)
    }

    public func syncState(source: String) async throws(UsageError) -> String? {
        let sql = MetaSQL.select(key: MetaSQL.syncKey(source), in: .sqlite)
        return try await asyncRead { db in try sql.rows(db).first?.first?.text }
    }

    public func recordSyncState(_ state: String, source: String) async throws(UsageError) {
        try await OffPool.run { () throws(UsageError) in
            try self.writeQuietly { db in
                try MetaSQL.upsert(key: MetaSQL.syncKey(source), value: state, in: .sqlite).execute(db)
            }
        }
    }

    public func billedRows(customer: String, period: Period) async throws(UsageError) -> [BilledRow] {
        try await LocalProvider(store: self).billedRows(customer: customer, period: period)
    }

    public func eventCount(before cutoff: Date) async throws(UsageError) -> Int {
        let sql = PruneSQL.count(before: UTCTime.milliseconds(cutoff), in: .sqlite)
        return try await asyncRead { db in Int(try sql.rows(db).first?.first?.integer ?? 0) }
    }

    public func prune(before cutoff: Date) async throws(UsageError) -> Int {
        let ms = UTCTime.milliseconds(cutoff)
        return try await OffPool.run { () throws(UsageError) in
            try self.write { db in
                let count = Int(try PruneSQL.count(before: ms, in: .sqlite).rows(db).first?.first?.integer ?? 0)
                for statement in PruneSQL.delete(before: ms, in: .sqlite) { try statement.execute(db) }
                return count
            }
        }
    }
}
