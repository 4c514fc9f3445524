import Foundation
import UsageCore

/// A usage store that ingest and sync write into: the embedded SQLite store (`UsageStore`) or a shared PostgreSQL
/// one. Both validate events the same way (`EventLineParser`), count a transaction id once, write a batch all or
/// nothing, and answer every read through `reader`.
public protocol EventStore: Sendable {
    /// Where the store is, for messages (a path, or a server address without its password).
    var location: String { get }

    /// Fails with one clear line when the store cannot be written.
    func requireWritable(for action: String) throws(UsageError)

    /// Ingests events (Lago's ingest shape, one JSON object per line) after upserting the metrics and customers, in
    /// one transaction: by default any invalid line writes nothing; with `skipInvalid` the valid lines are kept.
    func ingest(_ input: IngestInput, metrics: [Metric], customers: [Customer], skipInvalid: Bool)
        async throws(UsageError)
        -> IngestReport

    /// What the store holds of a customer's events of `metric` over `period` (of `subscription`'s only, when given),
    /// read from the events themselves: what a sync checks against the provider's own count.
    func copied(customer: String, metric: Metric, period: Period, subscription: String?) async throws(UsageError)
        -> CopiedEvents

    /// Writes readings of a provider's own totals in one transaction (screens see them at their next refresh).
    func recordBilled(_ rows: [BilledRow], source: String) async throws(UsageError)

    /// Keeps the plan each subscription is billed under (the provider's JSON, by subscription id), replacing those
    /// kept, so a reconcile re-prices without the provider.
    func recordPlans(_ plans: [String: String]) async throws(UsageError)

    /// The events of `events` the store holds (by subscription and transaction id).
    func held(_ events: [EventActivity.Listed]) async throws(UsageError) -> Set<EventActivity.Listed>

    /// What sync kept of `source` at its last pass (`ChangeScan`'s state, as JSON), or nil.
    func syncState(source: String) async throws(UsageError) -> String?

    /// Keeps what sync learnt of `source` this pass, replacing what was kept (no screen reloads for it).
    func recordSyncState(_ state: String, source: String) async throws(UsageError)

    /// The readings kept of a customer's metrics whose periods overlap `period`.
    func billedRows(customer: String, period: Period) async throws(UsageError) -> [BilledRow]

    /// How many events are older than `cutoff` (a UTC midnight): what `prune` would remove.
    func eventCount(before cutoff: Date) async throws(UsageError) -> Int

    /// Removes everything older than `cutoff` (a UTC midnight) in one transaction (`PruneSQL`): the events, their
    /// rollups and the bills of periods that ended by then; returns how many events went.
    func prune(before cutoff: Date) async throws(UsageError) -> Int

    /// The store as a data source for every screen and command.
    var reader: any EventListing & SeriesListing & PropertyBreakdowns { get }
}

/// Where ingested lines come from.
public enum IngestInput: Sendable {
    /// A JSON Lines file.
    case file(String)
    /// JSON Lines in memory (a page of copied events), named for messages.
    case lines([UInt8], name: String)

    /// The name used in messages.
    package var name: String {
        switch self {
        case .file(let path): path
        case .lines(_, let name): name
        }
    }

    /// A reader over the lines.
    package func reader() throws(UsageError) -> LineReader {
        switch self {
        case .file(let path):
            do {
                return try LineReader(path: path)
            } catch {
                throw LineReader.describe(error, source: path)
            }
        case .lines(let bytes, _): return LineReader(bytes: bytes)
        }
    }
}
