import Foundation
import UsageCore

/// Copies a provider's raw events into the store, so that screens read the store instead of the provider; of the
/// metrics its events cannot give, it copies the provider's own totals (`BilledSnapshot`).
///
/// For each customer and each metric whose aggregation the store reproduces exactly (count, sum, max, unique count),
/// it reads what is missing from `since` to `now` (`SyncCursor.windows`: after a first copy, the time since it ended,
/// less `overlap` for events that arrive late, and the time before it when `since` is earlier), each event once
/// (`UsageProvider.forEachEventPage`), a page per transaction through the same ingest as files (validated the same
/// way; a transaction id already stored counts once), and then records the stretch copied. An interrupted copy
/// resumes from the record: pages written before the interruption are read again and count once.
public struct ProviderSync: Sendable {
    private let provider: any UsageProvider
    private let store: any EventStore
    private let source: String
    private let overlap: TimeInterval
    private let concurrency: Int

    /// A copy from `provider` (named `source` in the cursors, such as `hyperline https://api.hyperline.co`) into
    /// `store`, `concurrency` customers at a time (the provider's throttle keeps the calls within its rate budget).
    public init(provider: any UsageProvider, store: any EventStore, source: String, overlap: TimeInterval = 3_600, concurrency: Int = 4) {
        self.provider = provider
        self.store = store
        self.source = source
        self.overlap = overlap
        self.concurrency = max(1, concurrency)
    }

    /// Copies every customer's events since `since` (or its cursor) up to `now`, reporting after each customer.
    public func run(since: Date, now: Date, progress: @escaping @Sendable (SyncProgress) -> Void = { _ in })
        async throws(UsageError) -> SyncReport
    {
        try store.requireWritable(for: "sync")
        let listsEvents = provider.capabilities.contains(.events)
        var report = SyncReport()
        let metrics: [Metric], customers: [Customer]
        do {
            (metrics, customers) = (try await provider.metrics(), try await provider.customers())
        } catch {
            throw UsageError.wrapping(error, context: source)
        }
        report.customers = customers.count
        for metric in metrics {
            if let reason = listsEvents ? Self.notCopied(metric) : "\(provider.name) lists no events" {
                report.billedMetrics.append((metric, reason))
            } else {
                report.metrics.append(metric)
            }
        }
        let billed = report.billedMetrics.map { item in
            var metric = item.metric
            metric.billedBy = provider.name
            return metric
        }
        // Every customer and metric first, in one transaction: the customers table lists the customers with no
        // events too, in the provider's metric order.
        _ = try await write([], metrics: metrics.compactMap { metric in
            billed.first { $0.code == metric.code } ?? report.metrics.first { $0.code == metric.code }
        }, customers: customers, what: "the customer and metric lists")
        var done = 0
        await copy(report.metrics, billed: billed, for: customers, since: since, now: now) { part in
            done += 1
            report.add(part)
            progress(SyncProgress(
                done: done, total: customers.count, read: report.read, inserted: report.inserted, calls: report.calls,
                failures: report.failures.count))
        }
        return report
    }

    /// Why `metric`'s events are not copied, or nil when the store's rollups give the provider's numbers.
    static func notCopied(_ metric: Metric) -> String? {
        if let reason = metric.notFromEvents { return reason }
        return switch metric.aggregation {
        case .count: nil
        case .sum, .max, .uniqueCount: metric.field == nil ? "no property to aggregate" : nil
        case .weightedSum, .latest, .custom: "a \(metric.aggregation.rawValue) aggregation, which the store does not reproduce"
        }
    }

    /// Every customer's copy, `concurrency` customers at a time; `copied` gets each one's report as it ends.
    private func copy(_ metrics: [Metric], billed: [Metric], for customers: [Customer], since: Date, now: Date,
                      copied: (SyncReport) -> Void) async {
        // A provider that bills per period (Lago) answers every metric's units and amounts in the same reads: its
        // totals are kept for all of them, shown beside the store's own aggregation; of a provider that answers any
        // days, only what events cannot give.
        let kept = provider.capabilities.contains(.periodTotals) ? billed : billed + metrics
        await withTaskGroup(of: SyncReport.self) { group in
            var next = 0
            func start() {
                guard next < customers.count else { return }
                let customer = customers[next]
                next += 1
                group.addTask {
                    var part = await copy(metrics, of: customer, since: since, now: now)
                    part.add(await BilledSnapshot(provider: provider, store: store, source: source)
                        .take(kept, of: customer, since: since, now: now))
                    return part
                }
            }
            for _ in 0..<concurrency { start() }
            while let part = await group.next() {
                copied(part)
                start()
            }
        }
    }

    /// One customer's events of every metric. Where the provider counts a customer's events per metric in one call
    /// (`eventCounts`), metrics without any since their last copy cost no further call.
    private func copy(_ metrics: [Metric], of customer: Customer, since: Date, now: Date) async -> SyncReport {
        var report = SyncReport()
        var cursors: [String: SyncCursor?] = [:]
        for metric in metrics {
            do {
                cursors[metric.code] = .some(try await store.syncCursor(source: source, customer: customer.id, metric: metric.code))
            } catch {
                report.failures.append("\(customer.id) \(metric.code): \(error.message)")
            }
        }
        let recentStarts = cursors.values.compactMap { SyncCursor.windows($0, since: since, now: now, overlap: overlap).recent?.start }
        var counts: [String: Int]?
        if let earliest = recentStarts.min() {
            counts = try? await provider.eventCounts(customerID: customer.id, period: Period(start: earliest, end: now))
            if counts != nil { report.calls += 1 }
        }
        for metric in metrics {
            guard let cursor = cursors[metric.code] else { continue }
            let quiet = counts.map { ($0[metric.code] ?? 0) == 0 } ?? false
            report.add(await copy(metric, of: customer, after: cursor, since: since, now: now, quietLately: quiet))
        }
        return report
    }

    /// One customer's events of one metric: what `SyncCursor.windows` says is missing (the recent part not at all
    /// when `quietLately`: the provider counted none), page by page, then the cursor; a failure becomes one line and
    /// leaves the cursor where it was.
    private func copy(_ metric: Metric, of customer: Customer, after cursor: SyncCursor?, since: Date, now: Date,
                      quietLately: Bool) async -> SyncReport {
        var report = SyncReport()
        let windows = SyncCursor.windows(cursor, since: since, now: now, overlap: overlap)
        do {
            for period in [windows.older, quietLately ? nil : windows.recent].compactMap({ $0 }) {
                report.calls += try await provider.forEachEventPage(customerID: customer.id, metric: metric, period: period) { page in
                    report.read += page.items.count + page.unreadable.count
                    let written = try await write(page.items, metric: metric, customer: customer)
                    report.inserted += written.inserted
                    report.refused += written.refused
                        + page.unreadable.map { "\(customer.id) \(metric.code): \($0); not copied" }
                }
            }
            let copied = SyncCursor(from: min(cursor?.from ?? since, since), until: max(cursor?.until ?? now, now))
            if copied != cursor {
                try await store.recordSyncCursor(copied, source: source, customer: customer.id, metric: metric.code)
            }
        } catch {
            report.failures.append("\(customer.id) \(metric.code): \(UsageError.wrapping(error, context: source).message)")
        }
        return report
    }

    /// Writes one page in one transaction (the catalog is written first, by `run`): the events the store can keep,
    /// and a line for each it cannot (an id with a control character, a value it cannot add exactly), which no later
    /// pass could copy either.
    private func write(_ events: [UsageEvent], metric: Metric, customer: Customer) async throws(UsageError)
        -> (inserted: Int, refused: [String])
    {
        guard !events.isEmpty else { return (0, []) }
        let report = try await write(events, metrics: [], customers: [], what: "events of \(customer.id) for \(metric.code)")
        let refused = report.rejections.map { rejection in
            let id = events.indices.contains(rejection.line - 1) ? events[rejection.line - 1].transactionID : "#\(rejection.line)"
            return "\(customer.id) \(metric.code): event \(id) not copied: \(rejection.reason)"
        }
        let unlisted = max(0, report.rejectedCount - refused.count)
        return (report.inserted, refused + Array(repeating: "\(customer.id) \(metric.code): an event not copied", count: unlisted))
    }

    private func write(_ events: [UsageEvent], metrics: [Metric], customers: [Customer], what: String)
        async throws(UsageError) -> IngestReport
    {
        let keyed = provider.capabilities.contains(.eventsShareMetrics)
        let lines: [UInt8] = Array(events.map { Self.line($0, keyedByMetric: keyed) }.joined(separator: "\n").utf8)
        return try await store.ingest(
            .lines(lines, name: "\(source) \(what)"), metrics: metrics, customers: customers, skipInvalid: true)
    }

    /// The event as an ingest line; keyed by metric when one event can count toward several.
    static func line(_ event: UsageEvent, keyedByMetric: Bool) -> String {
        let ms = UTCTime.milliseconds(event.timestamp)
        let id = keyedByMetric ? "\(event.metricCode)/\(event.transactionID)" : event.transactionID
        let seconds = ms >= 0 ? "\(ms / 1000).\(String(format: "%03lld", ms % 1000))" : "\(Double(ms) / 1000)"
        let subscription = event.subscriptionID.map { #","external_subscription_id":\#(JSONWriter.quote($0))"# } ?? ""
        return #"{"transaction_id":\#(JSONWriter.quote(id)),"external_customer_id":\#(JSONWriter.quote(event.customerID))\#(subscription),"#
            + #""code":\#(JSONWriter.quote(event.metricCode)),"timestamp":\#(seconds),"properties":\#(JSONWriter.compact(event.properties))}"#
    }
}
