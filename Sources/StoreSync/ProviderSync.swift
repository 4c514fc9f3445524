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
    private let provider: any UsageProvider & CallCounting
    private let store: any EventStore
    private let source: String
    private let billing: BillingModel
    private let overlap: TimeInterval
    private let concurrency: Int

    /// A copy from `provider` (named `source` in the readings, such as `hyperline https://api.hyperline.co`), which
    /// bills as `billing` says, into `store`, `concurrency` customers at a time (the provider's throttle keeps the
    /// calls within its rate budget). The calls a pass reports are those `provider` counts during it.
    public init(
        provider: any UsageProvider & CallCounting, billing: BillingModel, store: any EventStore, source: String,
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
    /// those), reporting after each customer. A provider that counts its events organisation-wide is asked first what
    /// changed since the last pass (`ChangeScan`), and only the customers whose events changed (and those the last
    /// pass left unfinished) are read; `whole` reads every customer whatever the counts say, and so does the first
    /// pass of a UTC day when the provider keeps metrics of its own totals (a weighted sum grows without events, and
    /// an open period keeps a reading a day).
    public func run(
        since: Date, now: Date, whole: Bool = false, progress: @escaping @Sendable (SyncProgress) -> Void = { _ in }
    )
        async throws(UsageError) -> SyncReport
    {
        try store.requireWritable(for: "sync")
        let window = Period(start: min(since, now), end: now)
        let callsBefore = provider.callsMade
        var report = SyncReport()
        report.provider = provider.name
        let metrics: [Metric]
        do {
            metrics = try await provider.metrics()
        } catch {
            throw UsageError.wrapping(error, context: source)
        }
        let billed = sort(metrics, into: &report)
        // Only a provider that counts its events has counts kept from the last pass.
        let kept =
            provider is any ActivityCounting ? SyncState.reading(try? await store.syncState(source: source)) : nil
        let daily = !billed.isEmpty && kept?.wholeDay != SyncState.day(of: now)
        let changes = await changes(over: window, kept: kept, readAll: whole || daily, report: &report)
        let (customers, listed) = try await self.customers(
            changes.changed,
            listing: changes.changed != nil && changes.customerCount.map { $0 != kept?.customers } == true,
            report: &report)
        report.customers = customers.count
        report.whole = changes.changed == nil
        // Every customer and metric first, in one transaction: the customers table lists the customers with no
        // events too, in the provider's metric order.
        let catalogue = metrics.compactMap { metric in
            billed.first { $0.code == metric.code } ?? report.metrics.first { $0.code == metric.code }
        }
        _ = try await store.ingest(
            .lines([], name: "\(source) customers and metrics"), metrics: catalogue, customers: listed + customers,
            skipInvalid: true)
        let context = SyncContext(
            provider: provider, billing: billing, store: store, source: source, overlap: overlap,
            window: window, copied: report.metrics, billed: billed)
        var done = 0
        var unsettled = Set<String>()
        await each(customers, context: context) { customer, part in
            done += 1
            report.add(part)
            report.calls = provider.callsMade - callsBefore
            if !part.isClean { unsettled.insert(customer) }
            progress(
                SyncProgress(
                    done: done, total: customers.count, read: report.read, inserted: report.inserted,
                    calls: report.calls,
                    failures: report.failures.count))
        }
        for metric in context.billed where !report.billedMetrics.contains(where: { $0.metric.code == metric.code }) {
            report.billedMetrics.append((metric, "named in \(provider.name)'s usage only"))
        }
        if let scan = changes.scan {
            await keep(scan, customerCount: changes.customerCount, unsettled: unsettled, kept: kept, now: now, &report)
        }
        report.calls = provider.callsMade - callsBefore
        return report
    }

    /// Keeps what the next pass compares with: the hours' counts, the customers left unsettled, the day of the last
    /// pass that read every customer and the count of customers when they were last listed.
    private func keep(
        _ scan: ChangeScan.Outcome, customerCount: Int?, unsettled: Set<String>, kept: SyncState?, now: Date,
        _ report: inout SyncReport
    ) async {
        let listedAll = report.whole || report.listed != nil
        let state = SyncState(
            hours: scan.hours, pending: unsettled,
            wholeDay: report.whole ? SyncState.day(of: now) : kept?.wholeDay,
            customers: listedAll ? customerCount : kept?.customers)
        do {
            try await store.recordSyncState(state.text, source: source)
        } catch {
            report.failures.append("keeping what this pass learnt: \(error.message) (the next pass reads it again)")
        }
    }

    /// What changed since the last pass, when the provider counts its events: the scan, and the customers to read
    /// (nil when every customer is read: `readAll`, no pass `kept` counts to compare with, or the counts failed).
    private func changes(over window: Period, kept: SyncState?, readAll: Bool, report: inout SyncReport) async -> (
        scan: ChangeScan.Outcome?, changed: Set<String>?, customerCount: Int?
    ) {
        guard let counter = provider as? any ActivityCounting else { return (nil, nil, nil) }
        do {
            async let customerCount = counter.customerCount()
            let scan = try await ChangeScan(counter: counter).scan(kept: kept?.hourCounts ?? [:], window: window)
            report.counted = scan.total
            // Without the count, customers without events wait for a pass that counts them; nothing else does.
            let customers = try? await customerCount
            guard !readAll, let kept else { return (scan, nil, customers) }
            // The customers of the listed events the store does not hold: new ones (and those it never keeps, such
            // as a metric of the provider's own totals, whose customers are read again to keep those totals); the
            // provider is asked whose they are.
            let held = try await store.held(scan.events)
            let owners = try await counter.owners(of: scan.events.filter { !held.contains($0) }, listed: scan.events)
            return (scan, owners.map { $0.union(kept.pending) }, customers)
        } catch let error as UsageError where error.kind == .unsupported {
            return (nil, nil, nil)
        } catch {
            report.failures.append(
                "\(provider.name)'s event counts: \(UsageError.wrapping(error, context: source).message); every "
                    + "customer read instead")
            return (nil, nil, nil)
        }
    }

    /// The customers to read, and those `listing` lists besides: a customer with no events yet shows in no count of
    /// events, so a change in the count of customers lists them all for the customers table (only those with new
    /// events are read).
    private func customers(_ changed: Set<String>?, listing: Bool, report: inout SyncReport) async throws(UsageError)
        -> (read: [Customer], listed: [Customer])
    {
        do {
            let read = try await customers(changed)
            guard listing else { return (read, []) }
            let listed = try await provider.customers()
            report.listed = listed.count
            return (read, listed)
        } catch {
            throw UsageError.wrapping(error, context: source)
        }
    }

    /// The customers to read: every one the provider lists, or those of `changed`, each read by its id (one the
    /// provider no longer knows is left out), `concurrency` at a time.
    private func customers(_ changed: Set<String>?) async throws -> [Customer] {
        guard let changed else { return try await provider.customers() }
        return try await withThrowingTaskGroup(of: Customer?.self) { group in
            var ids = changed.sorted().makeIterator()
            var found: [Customer] = []
            func start() {
                guard let id = ids.next() else { return }
                group.addTask { [provider] in try await provider.customer(id: id) }
            }
            for _ in 0..<concurrency { start() }
            while let customer = try await group.next() {
                if let customer { found.append(customer) }
                start()
            }
            return found.sorted { $0.id < $1.id }
        }
    }

    /// Splits `metrics` into those whose events are copied (`report.metrics`) and those kept as the provider's own
    /// totals (returned, and named with why in `report.billedMetrics`).
    private func sort(_ metrics: [Metric], into report: inout SyncReport) -> [Metric] {
        let listsEvents = provider is any EventListing
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
        return billed
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

    /// Every customer's part, `concurrency` customers at a time; `copied` gets each one's id and report as it ends.
    private func each(_ customers: [Customer], context: SyncContext, copied: (String, SyncReport) -> Void) async {
        await withTaskGroup(of: (String, SyncReport).self) { group in
            var next = 0
            func start() {
                guard next < customers.count else { return }
                let customer = customers[next]
                next += 1
                // One memo per customer: a listing its questions share (Lago's subscriptions) is read once.
                group.addTask {
                    await WorkMemo.$current.withValue(WorkMemo()) {
                        (customer.id, await CustomerSync(context: context, customer: customer).run())
                    }
                }
            }
            for _ in 0..<concurrency { start() }
            while let (customer, part) = await group.next() {
                copied(customer, part)
                start()
            }
        }
    }
}
