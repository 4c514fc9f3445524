import Foundation
import PostgresTestSupport
import Synchronization
import Testing
import UsageCore

/// On a large store the customers table reports its busiest customers first, on both stores; those rows must be
/// exactly the rows the whole answer holds for them, and they must be the busiest.
@Suite("Customers table: the busiest rows first")
struct CustomerPreviewTests {
    @Test(arguments: StoreKind.available)
    func previewRowsAreExactAndTheBusiest(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        let customers = 10_050
        var lines: [String] = []
        for index in 0..<customers {
            let gb = "\((index * 7_919) % 1_000).\(index % 10)"
            for (slot, day) in ["2026-11-18T10:00:00Z", "2026-11-19T12:30:00Z"].enumerated() {
                lines.append(
                    TestStore.event(
                        "e\(index)-\(slot)", "gb", day, customer: "cus_\(index)", #"{"gb": \#(gb)}"#))
            }
        }
        try await t.ingest(lines)
        let reports = Mutex<[SummaryProgress]>([])
        let metric = TestStore.metric("gb")
        let now = TestStore.date("2026-11-20T12:00:00Z")
        let period = TestStore.period("2026-11-18", "2026-11-21")
        let all = try await t.provider.summaries(
            metric: metric, period: period, trailingDays: 5, now: now,
            progress: { report in reports.withLock { $0.append(report) } })
        let preview = try #require(reports.withLock { $0.first }, "a table of \(customers + 1) customers previews")
        #expect(all.count == customers + 1, "every customer, c1 included")
        #expect(preview.total == customers + 1 && preview.rows.count == preview.loaded && preview.rows.count > 40)
        let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.customer.id, $0) })
        for row in preview.rows { #expect(byID[row.customer.id] == row, "\(row.customer.id)") }
        let least = preview.rows.map(\.total).min()!
        let busier = all.filter { $0.total > least }.count
        #expect(busier <= preview.rows.count, "no customer outside the preview used more than the least busy inside it")
        let sample = try #require(byID["cus_7"])
        #expect(sample.total == Decimal(string: "867.4")! && Array(sample.daily) == [0, 0, 433.7, 433.7, 0])
        // A period with hour and millisecond edges: the preview reads those edges for its own customers only, and its
        // rows are still the whole answer's.
        let unaligned = Period(
            start: TestStore.date("2026-11-17T23:59:30Z"), end: TestStore.date("2026-11-19T12:31:00Z"))
        let edged = Mutex<[SummaryProgress]>([])
        let whole = try await t.provider.summaries(
            metric: metric, period: unaligned, trailingDays: 5, now: now,
            progress: { report in edged.withLock { $0.append(report) } })
        let first = try #require(edged.withLock { $0.first })
        let wholeByID = Dictionary(uniqueKeysWithValues: whole.map { ($0.customer.id, $0) })
        #expect(first.rows.count > 40)
        for row in first.rows { #expect(wholeByID[row.customer.id] == row, "\(row.customer.id)") }
        #expect(wholeByID["cus_7"]?.total == Decimal(string: "867.4")!, "both of its events are inside")
    }
}
