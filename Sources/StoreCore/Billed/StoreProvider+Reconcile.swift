import Foundation
import UsageCore

extension StoreProvider: Reconciling {
    /// Every billed charge kept for `customerID` (nil: every customer) whose billing period overlaps `period`, checked
    /// against the events copied, in one snapshot; fails with what to run first when the store keeps no bills.
    package func reconcile(customerID: String?, period: Period, book: PlanBook) async throws -> ReconcileReport {
        let startMs = UTCTime.milliseconds(period.start), endMs = UTCTime.milliseconds(period.end)
        return try await backend.read { reader in
            let metrics = try await reader.metrics().filter { $0.billedBy == nil }
            let rows = try await reader.billedRows(metric: nil, customer: customerID, startMs: startMs, endMs: endMs)
                .filter { row in metrics.contains { $0.code == row.metricCode } }
            guard !rows.isEmpty else {
                let any = try await reader.billedRows(
                    metric: nil, customer: customerID, startMs: Int64.min / 2, endMs: Int64.max / 2
                ).filter { row in metrics.contains { $0.code == row.metricCode } }
                throw Self.unsynced(
                    customerID: customerID, period: period, latest: any.map(\.period).max { $0.end < $1.end })
            }
            let kept = PlanSQL.plans(try await reader.fetch(PlanSQL.select(in: reader.dialect)))
            let plans = ReconcilePlans(book: book, bySubscription: kept.plans)
            let customers = Dictionary(
                try await reader.customers(id: customerID).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var lines: [ReconcileLine] = []
            for (id, mine) in Dictionary(grouping: rows, by: \.customerID).sorted(by: { $0.key < $1.key }) {
                let customer = customers[id] ?? Customer(id: id, name: id)
                for metric in metrics {
                    let billed = mine.filter { $0.metricCode == metric.code }
                    guard !billed.isEmpty else { continue }
                    let span = Period(
                        start: min(period.start, billed.map(\.period.start).min()!),
                        end: max(period.end, billed.map(\.period.end).max()!))
                    let events = try await Self.events(reader, customer: id, metric: metric, span: span)
                    lines += Reconciler.lines(
                        customer: customer, metric: metric, rows: billed, events: events, asked: period, plans: plans)
                }
            }
            return ReconcileReport(period: period, lines: lines, notes: kept.problems + Self.notes(lines))
        }
    }

    /// Every event of a customer's metric over `span`, oldest first, read a large page at a time.
    private static func events(_ reader: any StoreReader, customer: String, metric: Metric, span: Period)
        async throws -> [UsageEvent]
    {
        let size = 50_000
        var events: [UsageEvent] = []
        for page in 0... {
            let read = try await reader.eventPage(
                customerID: customer, metric: metric, startMs: UTCTime.milliseconds(span.start),
                endMs: UTCTime.milliseconds(span.end), page: page, pageSize: size, query: EventQuery(newestFirst: false)
            )
            events += read.items
            if read.items.count < size { break }
        }
        return events
    }

    /// What the store lacks, and what to do: pick a period it keeps bills for, or run sync first.
    private static func unsynced(customerID: String?, period: Period, latest: Period?) -> UsageError {
        let whose = customerID.map { "of \($0) " } ?? ""
        guard let latest else {
            return UsageError(
                .notFound,
                "no provider bills kept \(whose)for \(PeriodText.span(period)): run "
                    + "`usagetop sync --provider lago` first (reconcile checks the bills sync keeps)")
        }
        // Short enough for an 80-column view: the period asked is on the header line already.
        let key = latest.start >= period.end ? "]" : "["
        return UsageError(
            .notFound, "no bills kept for this period; latest: \(PeriodText.span(latest)) (\(key) or --period)")
    }

    /// A note per charge no plan re-prices (units are still compared).
    private static func notes(_ lines: [ReconcileLine]) -> [String] {
        let unpriced = Set(
            lines.filter { $0.repriced == nil }.map { "\($0.metricCode)\($0.charge.map { " (\($0))" } ?? "")" })
        return unpriced.sorted().map { "\($0): no plan prices it here, units compared only" }
    }
}

extension StoreProvider: PlanKeeping {
    /// The plan the store keeps for every customer (the demo's), to price a source `config.toml` declares no plans
    /// for; nil when it keeps none.
    package func keptStandardPlan() async throws -> PricePlan? {
        try await backend.read { reader in
            PlanSQL.plans(try await reader.fetch(PlanSQL.select(in: reader.dialect))).plans[""]
        }
    }
}
