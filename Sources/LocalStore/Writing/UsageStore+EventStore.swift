import Foundation
import GRDB
import StoreCore
import UsageCore

/// The embedded store as an `EventStore`: ingest through `Ingestor` on a thread of its own.
extension UsageStore: EventStore {
    public var location: String { path }

    public var reader: any UsageProvider { LocalProvider(store: self) }

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
        let (startMs, endMs) = (UTCTime.milliseconds(period.start), UTCTime.milliseconds(period.end))
        return try await asyncRead { db in
            var sql = """
                SELECT COUNT(*), dec_sum(value), dec_max_agg(value), COUNT(DISTINCT value), MAX(ts_ms) FROM event
                WHERE customer_id = ? AND metric_code = ? AND ts_ms >= ? AND ts_ms < ?
                """
            var arguments: StatementArguments = [customer, metric.code, startMs, endMs]
            if let subscription {
                sql += " AND subscription_id = ?"
                arguments += [subscription]
            }
            let row = try Row.fetchOne(db, sql: sql, arguments: arguments)
            let sum: String? = row?[1], max: String? = row?[2]
            return CopiedEvents(
                metric: metric, count: row?[0] ?? 0, sum: sum.flatMap(DecimalText.parse),
                max: max.flatMap(DecimalText.parse), distinct: row?[3] ?? 0, latestMs: row?[4])
        }
    }

    public func recordBilled(_ rows: [BilledRow], source: String) async throws(UsageError) {
        guard !rows.isEmpty else { return }
        try await OffPool.run { () throws(UsageError) in
            try self.write { db in
                for row in rows { try BilledSQL.upsert(row, source: source, in: .sqlite).execute(db) }
            }
        }
    }

    public func billedRows(customer: String, period: Period) async throws(UsageError) -> [BilledRow] {
        try await LocalProvider(store: self).billedRows(customer: customer, period: period)
    }
}
