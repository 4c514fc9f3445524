import Foundation
import LocalStore
import Synchronization
import Testing
import UsageCore

/// On a large store the customers table reports its busiest customers first; those rows must be exactly the rows the
/// whole answer holds for them, and they must be the busiest.
@Suite("Customers table: the busiest rows first")
struct CustomerPreviewTests {
    @Test func previewRowsAreExactAndTheBusiest() async throws {
        let t = try TestStore()
        let now = TestStore.date("2026-11-20T12:00:00Z")
        try DemoGenerator(options: DemoOptions(customers: 10_050, days: 3, eventsPerDay: 2, seed: 3), now: now)
            .generate(into: t.store)
        let reports = Mutex<[SummaryProgress]>([])
        let metric = try #require(try t.store.metrics().first { $0.aggregation == .sum })
        let period = TestStore.period("2026-11-18", "2026-11-21")
        let all = try await t.provider.summaries(
            metric: metric, period: period, trailingDays: 5, now: now,
            progress: { report in reports.withLock { $0.append(report) } })
        let preview = try #require(reports.withLock { $0.first })
        #expect(preview.total == 10_050 && preview.rows.count == preview.loaded && preview.rows.count > 40)
        let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.customer.id, $0) })
        for row in preview.rows { #expect(byID[row.customer.id] == row, "\(row.customer.id)") }
        let least = preview.rows.map(\.total).min()!
        let busier = all.filter { $0.total > least }.count
        #expect(busier <= preview.rows.count, "no customer outside the preview used more than the least busy inside it")
    }
}
