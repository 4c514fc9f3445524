import Foundation
import LocalStore
import PostgresTestSupport
import Testing
import UsageCore

/// A page of every event of a period counts them from the rollups: the count equals a brute-force count of the
/// events, for periods on and off day and hour boundaries, on both stores, after a resend and for a page past the end.
@Suite("Events: the count of an unfiltered page")
struct EventPageCountTests {
    static let calls = TestStore.metric("calls")
    static let users = TestStore.metric("users")

    @Test(arguments: StoreKind.available)
    func everyPeriodCountsWhatABruteForceCountFinds(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        var random = SeededRandom(seed: 41)
        let base: Int64 = 1_793_491_200_000  // 2026-11-01T00:00:00Z
        var held: [(id: String, customer: String, code: String, ms: Int64)] = []
        var lines: [String] = []
        for n in 0..<900 {
            let code = ["calls", "users"][random.below(2)], customer = ["c1", "c2"][random.below(2)]
            let ms = base + Int64(random.below(4 * 86_400_000))
            held.append((id: "p\(n)", customer: customer, code: code, ms: ms))
            lines.append(
                TestStore.event(
                    "p\(n)", code, UTCTime.iso(UTCTime.date(milliseconds: ms)), customer: customer,
                    #"{"user": "u\#(random.below(9))"}"#))
        }
        #expect(try await t.ingest(lines).inserted == 900)
        #expect(try await t.ingest(Array(lines.prefix(100))).inserted == 0, "a resend adds nothing to count")
        var periods = [(base, base + 86_400_000), (base - 3_600_000, base + 5 * 86_400_000)]
        for _ in 0..<30 {
            let start = base - 3_600_000 + Int64(random.below(5 * 86_400_000))
            periods.append((start, start + 1 + Int64(random.below(3 * 86_400_000))))
        }
        for (start, end) in periods {
            let period = Period(start: UTCTime.date(milliseconds: start), end: UTCTime.date(milliseconds: end))
            for metric in [Self.calls, Self.users] {
                let expected = held.filter {
                    $0.customer == "c1" && $0.code == metric.code && $0.ms >= start && $0.ms < end
                }
                .sorted { $0.ms > $1.ms }
                let page = try await t.provider.events(
                    customerID: "c1", metric: metric, period: period, page: 0, pageSize: 5, query: EventQuery())
                #expect(page.totalCount == expected.count, "\(metric.code) over \(start)..<\(end)")
                #expect(page.items.map(\.transactionID) == expected.prefix(5).map(\.id))
                let past = try await t.provider.events(
                    customerID: "c1", metric: metric, period: period, page: 1_000, pageSize: 5, query: EventQuery())
                #expect(past.items.isEmpty && past.totalCount == expected.count, "a page past the end still counts")
            }
        }
    }
}
