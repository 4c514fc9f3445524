import Foundation
import StoreCore
import UsageCore

/// Copies a provider into a store, so that screens read the store instead of the provider, and proves the copy:
/// every customer's events of the metrics whose aggregation the store reproduces exactly (count, sum, max, unique
/// count), and the provider's own totals of the others, each checked against what the provider itself counts for
/// the same customer, metric, subscription and period (`CustomerSync`).
///
/// Events are read only where the store's copy and the provider's count differ (new events since the last copy,
/// events that reached the provider late, a copy cut short), a page per transaction through the same ingest as
/// files; what still differs after reading again is a disagreement, named with both numbers and its likely cause.
public struct ProviderSync: Sendable {
    private let provider: any UsageProvider
    private let store: any EventStore
    private let source: String
    private let billing: BillingModel
    private let overlap: TimeInterval
    private let concurrency: Int

    /// A copy from `provider` (named `source` in the readings, such as `hyperline https://api.hyperline.co`), which
    /// bills as `billing` says, into `store`, `concurrency` customers at a time (the provider's throttle keeps the
    /// calls within its rate budget).
    public init(
        provider: any UsageProvider, billing: BillingModel, store: any EventStore, source: String,
        overlap: TimeInterval = 3_600, concurrency: Int = 4
    ) {
        self.provider = provider
        self.billing = billing
        self.store = store
        self.source = source
        self.overlap = overlap
        self.concurrency = max(1, concurrency)
    }

    /// Copies and checks every customer from `since` to `now` (whole billing periods, where the provider answers
    /// those), reporting after each customer.
    public func run(since: Date, now: Date, progress: @escaping @Sendable (SyncProgress) -> Void = { _ in })
        async throws(UsageError) -> SyncReport
    {
        try store.requireWritable(for: "sync")
        let listsEvents = provider is any EventListing
        var report = SyncReport()
        report.provider = provider.name
        let metrics: [Metric], customers: [Customer]
        do {
            (metrics, customers) = (try await provider.metrics(), try await provider.customers())
        } catch {
            throw UsageError.wrapping(error, context: source)
        }
        report.customers = customers.count
        var billed: [Metric] = []
        for metric in metrics {
            if let reason = listsEvents ? Self.notCopied(metric) : "\(provider.name) lists no events" {
                var kept = metric
                kept.billedBy = provider.name
                billed.append(kept)
                report.billedMetrics.append((kept, reason))
            } else {
                report.metrics.append(metric)
            }
        }
        // Every customer and metric first, in one transaction: the customers table lists the customers with no
        // events too, in the provider's metric order.
        let catalogue = metrics.compactMap { metric in
            billed.first { $0.code == metric.code } ?? report.metrics.first { $0.code == metric.code }
        }
        _ = try await store.ingest(
            .lines([], name: "\(source) customers and metrics"), metrics: catalogue, customers: customers,
            skipInvalid: true)
        let context = SyncContext(
            provider: provider, billing: billing, store: store, source: source, overlap: overlap,
            window: Period(start: min(since, now), end: now), copied: report.metrics, billed: billed)
        var done = 0
        await each(customers, context: context) { part in
            done += 1
            report.add(part)
            progress(
                SyncProgress(
                    done: done, total: customers.count, read: report.read, inserted: report.inserted,
                    calls: report.calls,
                    failures: report.failures.count))
        }
        for metric in context.billed where !report.billedMetrics.contains(where: { $0.metric.code == metric.code }) {
            report.billedMetrics.append((metric, "named in \(provider.name)'s usage only"))
        }
        return report
    }

    /// Why `metric`'s events are not copied, or nil when the store's rollups give the provider's numbers.
    static func notCopied(_ metric: Metric) -> String? {
        if let reason = metric.notFromEvents { return reason }
        return switch metric.aggregation {
        case .count: nil
        case .sum, .max, .uniqueCount: metric.field == nil ? "no property to aggregate" : nil
        case .weightedSum, .latest, .custom:
            "a \(metric.aggregation.rawValue) aggregation, which the store does not reproduce"
        }
    }

    /// Every customer's part, `concurrency` customers at a time; `copied` gets each one's report as it ends.
    private func each(_ customers: [Customer], context: SyncContext, copied: (SyncReport) -> Void) async {
        await withTaskGroup(of: SyncReport.self) { group in
            var next = 0
            func start() {
                guard next < customers.count else { return }
                let customer = customers[next]
                next += 1
                // One memo per customer: a listing its questions share (Lago's subscriptions) is read once.
                group.addTask {
                    await WorkMemo.$current.withValue(WorkMemo()) {
                        await CustomerSync(context: context, customer: customer).run()
                    }
                }
            }
            for _ in 0..<concurrency { start() }
            while let part = await group.next() {
                copied(part)
                start()
            }
        }
    }
}
