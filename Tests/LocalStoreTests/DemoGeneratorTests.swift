import Foundation
import LocalStore
import Testing
import UsageCore

@Suite("Demo data")
struct DemoGeneratorTests {
    static let now = ISO8601Parser.parse("2026-11-22T12:00:00Z")!

    @Test func isDeterministicAndCoversEveryAggregation() async throws {
        let a = try TestStore(), b = try TestStore()
        let options = DemoOptions(customers: 30, days: 20, eventsPerDay: 5, seed: 9)
        let countA = try DemoGenerator(options: options, now: Self.now).generate(into: a.store)
        let countB = try DemoGenerator(options: options, now: Self.now).generate(into: b.store)
        #expect(countA == countB && countA > 1_000)
        #expect(try a.store.isDemoData())
        let metrics = try a.store.metrics()
        #expect(metrics.count == 6)
        #expect(Set(metrics.map(\.aggregation)) == Set(Aggregation.computedLocally))
        let period = Period(start: Self.now.addingTimeInterval(-20 * 86_400), end: Self.now)
        let totalsA = try await a.provider.totals(customerID: "cus_00003", period: period)
        let totalsB = try await b.provider.totals(customerID: "cus_00003", period: period)
        #expect(totalsA == totalsB)
        #expect(totalsA.contains { $0.value > 0 })
    }

    @Test func standardDatasetHasRealisticNamesAndQuietCustomers() async throws {
        let t = try TestStore()
        try DemoGenerator(options: DemoOptions(customers: 240, days: 60, eventsPerDay: 2, seed: 42), now: Self.now)
            .generate(into: t.store)
        let rows = try await t.provider.summaries(
            metric: try t.store.metrics()[0], period: PeriodPreset.last7Days.resolve(now: Self.now), trailingDays: 30,
            now: Self.now)
        #expect(rows.count == 240)
        #expect(Set(rows.map(\.customer.name)).count == 240)
        #expect(rows.contains { $0.customer.name == "Acme Labs" })
        #expect(rows.contains { $0.total == 0 }, "some customers are quiet this week")
        #expect(rows.contains { $0.total > 0 })
    }

    @Test func regeneratingReplacesTheStore() throws {
        let t = try TestStore()
        try t.ingest([TestStore.event("a", "calls", "2026-11-02T10:00:00Z")])
        #expect(!(try t.store.isDemoData()))
        try DemoGenerator(options: DemoOptions(customers: 3, days: 2, eventsPerDay: 1, seed: 1), now: Self.now)
            .generate(into: t.store)
        #expect(try t.store.isDemoData())
        #expect(try t.store.metrics().map(\.code).contains("calls") == false)
    }

    /// What a start on a new store runs: a store another start filled while this one waited is left as it is.
    @Test func onlyIfEmptyFillsANewStoreAndLeavesAFilledOneAlone() throws {
        let options = DemoOptions(customers: 3, days: 2, eventsPerDay: 4, seed: 1)
        let empty = try TestStore()
        let written = try DemoGenerator(options: options, now: Self.now).generate(into: empty.store, onlyIfEmpty: true)
        let count = try empty.store.eventCount()
        #expect(written > 0 && written == count)
        let filled = try TestStore()
        try filled.ingest([TestStore.event("a", "calls", "2026-11-02T10:00:00Z")])
        let none = try DemoGenerator(options: options, now: Self.now).generate(into: filled.store, onlyIfEmpty: true)
        #expect(none == 0)
        #expect(try filled.store.eventCount() == 1)
        #expect(!(try filled.store.isDemoData()))
    }
}
