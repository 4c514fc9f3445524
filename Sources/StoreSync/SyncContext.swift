import Foundation
import Synchronization
import StoreCore
import UsageCore

/// What every customer's part of one sync pass shares: the provider and the store, the window, which metrics are
/// copied as events and which kept as the provider's totals, and the catalogue of metrics the store knows (a
/// provider may name a metric in a customer's usage that its metric list did not have: it is added then).
final class SyncContext: Sendable {
    let provider: any UsageProvider
    /// How the provider bills (its registry entry says).
    let billing: BillingModel
    let store: any EventStore
    /// The source's name in the readings (`lago https://…`).
    let source: String
    /// How far before the newest copied event a later copy reads again (events that arrive late).
    let overlap: TimeInterval
    /// The stretch the pass copies and checks.
    let window: Period
    /// The metrics whose events are copied, by code.
    let copied: [String: Metric]
    private let known: Mutex<[String: Metric]>

    init(
        provider: any UsageProvider, billing: BillingModel, store: any EventStore, source: String,
        overlap: TimeInterval, window: Period,
        copied: [Metric], billed: [Metric]
    ) {
        self.provider = provider
        self.billing = billing
        self.store = store
        self.source = source
        self.overlap = overlap
        self.window = window
        self.copied = Dictionary(copied.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        known = Mutex(Dictionary((copied + billed).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The provider's name.
    var providerName: String { provider.name }

    /// Whether the provider answers any whole days (Prolifi, Hyperline) rather than billing periods (Lago).
    var answersDays: Bool { billing == .days }

    /// The metric with `code` as the store knows it.
    func metric(_ code: String) -> Metric? { known.withLock { $0[code] } }

    /// Every metric kept as the provider's totals.
    var billed: [Metric] {
        known.withLock { Array($0.values) }.filter { copied[$0.code] == nil }.sorted { $0.code < $1.code }
    }

    /// Adds the metrics of `totals` the store does not know yet, as kept by the provider, to the catalogue; returns
    /// those added (already known ones are left as they are).
    func learn(_ totals: [UsageTotal]) async throws(UsageError) -> [Metric] {
        let fresh: [Metric] = known.withLock { known in
            var added: [Metric] = []
            for total in totals where known[total.metric.code] == nil {
                var metric = total.metric
                metric.billedBy = provider.name
                known[metric.code] = metric
                added.append(metric)
            }
            return added
        }
        if !fresh.isEmpty {
            _ = try await store.ingest(
                .lines([], name: "\(source) metrics"), metrics: fresh, customers: [], skipInvalid: true)
        }
        return fresh
    }
}
