import Foundation
import LocalStore
import UsageCore

/// Totals and timeseries on a large store, and ingest throughput next to sqlite3's own `.import`.
enum StoreBenchmarks {
    /// Opens (or builds) a store with about `events` demo events.
    static func largeStore(path: String, events: Int, now: Date) throws -> UsageStore {
        let store = try UsageStore(path: path)
        let existing = try store.eventCount()
        if existing >= events * 95 / 100 {
            print("reusing \(path) with \(existing) events")
            return store
        }
        let customers = 1_000, days = 90
        // Demo customers average about 0.85 of the nominal rate (weekends, quiet customers): aim a little high.
        let perDay = max(1, Int((Double(events) / Double(customers * days) * 1.2).rounded(.up)))
        let options = DemoOptions(customers: customers, days: days, eventsPerDay: perDay, seed: 42)
        print("building \(path): \(customers) customers × \(days) days × ~\(options.eventsPerDay)/day (one time)...")
        let clock = ContinuousClock()
        var written = 0
        let took = try clock.measure {
            written = try DemoGenerator(options: options, now: now).generate(into: store)
        }
        print("  wrote \(written) events in \(took)")
        return store
    }

    static func queries(store: UsageStore, now: Date) async throws {
        try await queries(provider: LocalProvider(store: store), now: now)
    }

    /// The store queries a dashboard makes, on any store (`label` before each line).
    static func queries(
        provider: any SeriesListing & EventListing & PropertyBreakdowns, now: Date, label: String = ""
    ) async throws {
        let metrics = try await provider.metrics()
        let period = PeriodPreset.last30Days.resolve(now: now)
        let count = try await provider.totals(customerID: "cus_00001", period: period).reduce(0) {
            $0 + ($1.eventCount ?? 0)
        }
        print("cus_00001 has \(count) events in the last 30 days")
        _ = try await Stopwatch.measure(label + "customer totals, 6 metrics, last 30 days", runs: 50) {
            _ = try await provider.totals(customerID: "cus_00001", period: period)
        }
        for metric in [metrics[1], metrics[3]] {
            _ = try await Stopwatch.measure(
                label + "30-day daily timeseries, one customer, \(metric.aggregation.rawValue)", runs: 50
            ) {
                _ = try await provider.timeseries(metric: metric, customerID: "cus_00001", period: period, bucket: .day)
            }
        }
        _ = try await Stopwatch.measure(label + "30-day daily timeseries, all customers, sum", runs: 20) {
            _ = try await provider.timeseries(metric: metrics[1], customerID: nil, period: period, bucket: .day)
        }
        let unaligned = Period(
            start: period.start.addingTimeInterval(37 * 60 + 12.5), end: period.end.addingTimeInterval(-3_333))
        _ = try await Stopwatch.measure(label + "customer totals, unaligned 30-day period", runs: 50) {
            _ = try await provider.totals(customerID: "cus_00001", period: unaligned)
        }
        // The drill-down: a page of one customer's events of the busiest metric, and its split by a property.
        _ = try await Stopwatch.measure(label + "events page, one customer, last 30 days, newest first", runs: 50) {
            _ = try await provider.events(
                customerID: "cus_00001", metric: metrics[0], period: period, page: 0, pageSize: 50,
                query: EventQuery(newestFirst: true))
        }
        _ = try await Stopwatch.measure(label + "split by a property, one customer, last 30 days", runs: 20) {
            _ = try await provider.breakdown(customerID: "cus_00001", metric: metrics[1], period: period, by: "region")
        }
        let rows = try await provider.customers().count
        let table = label + "customers table (\(rows.formatted()) rows, sum, 30-day sparklines)"
        _ = try await Stopwatch.measure(table, runs: rows > 10_000 ? 3 : 10) {
            _ = try await provider.summaries(metric: metrics[1], period: period, trailingDays: 30, now: now)
        }
    }
}
