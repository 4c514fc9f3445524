import Foundation
import LocalStore
import Synchronization
import Testing
import UsageCore

/// The real local provider, counting calls and optionally holding them until released: lets the data service's
/// reuse and coalescing be seen without standing in for any data.
final class CountingProvider: EventListing, SeriesListing, Sendable {
    let inner: LocalProvider
    let calls = Mutex<[String: Int]>([:])
    let gate = Mutex<CheckedContinuation<Void, Never>?>(nil)
    let holdTotals: Bool

    init(_ inner: LocalProvider, holdTotals: Bool = false) {
        self.inner = inner
        self.holdTotals = holdTotals
    }

    func count(_ name: String) -> Int { calls.withLock { $0[name] ?? 0 } }
    private func tick(_ name: String) { calls.withLock { $0[name, default: 0] += 1 } }

    /// Lets a held `totals` call finish.
    func release() { gate.withLock { $0 }?.resume() }
    var isHolding: Bool { gate.withLock { $0 != nil } }

    var name: String { inner.name }
    var capabilities: ProviderCapabilities { inner.capabilities }
    func sourceInfo() async throws -> SourceInfo { try await inner.sourceInfo() }
    func changeToken() async throws -> String? { try await inner.changeToken() }
    func metrics() async throws -> [Metric] { tick("metrics"); return try await inner.metrics() }
    func customer(id: String) async throws -> Customer? { tick("customer"); return try await inner.customer(id: id) }
    func customers() async throws -> [Customer] { tick("customers"); return try await inner.customers() }
    func summaries(metric: Metric, period: Period, trailingDays: Int, now: Date) async throws -> [CustomerSummary] {
        tick("summaries")
        return try await inner.summaries(metric: metric, period: period, trailingDays: trailingDays, now: now)
    }
    let sawCancellation = Mutex(false)

    func totals(customerID: String, period: Period) async throws -> [UsageTotal] {
        tick("totals")
        if holdTotals {
            await withTaskCancellationHandler {
                await withCheckedContinuation { c in gate.withLock { $0 = c } }
            } onCancel: {
                sawCancellation.withLock { $0 = true }
                release()
            }
            try Task.checkCancellation()
        }
        return try await inner.totals(customerID: customerID, period: period)
    }
    func timeseries(metric: Metric, customerID: String?, period: Period, bucket: Bucket) async throws -> TimeSeries {
        tick("timeseries")
        return try await inner.timeseries(metric: metric, customerID: customerID, period: period, bucket: bucket)
    }
    func events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int) async throws -> Page<
        UsageEvent
    > {
        tick("events")
        return try await inner.events(
            customerID: customerID, metric: metric, period: period, page: page, pageSize: pageSize)
    }
}

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let current = Mutex(ISO8601Parser.parse("2026-11-22T12:00:00Z")!)
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: Double) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

@Suite("Data service: reuse by age, coalescing, invalidation")
struct DataServiceCachingTests {
    static func store() throws -> TestStore {
        let t = try TestStore()
        try t.ingest([
            TestStore.event("a", "calls", "2026-11-02T10:00:00Z"),
            TestStore.event("b", "gb", "2026-11-02T10:00:00Z", #"{"gb": 1.5}"#),
        ])
        return t
    }

    @Test func theStoreIsAskedAgainOnlyAfterAWrite() async throws {
        let t = try Self.store()
        let counting = CountingProvider(t.provider)
        let service = DataService(provider: counting, cache: .untilChanged)
        let period = TestStore.period("2026-11-01", "2026-12-01")
        await service.revalidate(forgettingUntokened: true)
        _ = try await service.totals(customerID: "c1", period: period)
        await service.revalidate(forgettingUntokened: true)
        _ = try await service.totals(customerID: "c1", period: period)
        #expect(counting.count("totals") == 1, "nothing was written, so the stored answer stands")
        _ = try t.ingest([TestStore.event("c", "gb", "2026-11-03T10:00:00Z", #"{"gb": 2}"#)])
        await service.revalidate(forgettingUntokened: true)
        let after = try await service.totals(customerID: "c1", period: period)
        #expect(counting.count("totals") == 2, "a write changes the revision, so the store is read again")
        #expect(after.first { $0.metric.code == "gb" }?.value == Decimal(string: "3.5"))
    }

    @Test func answersAreReusedUntilTheyAgeOut() async throws {
        let counting = CountingProvider(try Self.store().provider)
        let clock = ManualClock()
        let service = DataService(provider: counting, cache: .remote, now: { clock.now })
        let period = TestStore.period("2026-11-01", "2026-12-01")
        _ = try await service.totals(customerID: "c1", period: period)
        clock.advance(19)
        let again = try await service.totals(customerID: "c1", period: period)
        #expect(counting.count("totals") == 1, "a 19 s old answer is fresh under a 20 s lifetime")
        #expect(again.first { $0.metric.code == "gb" }?.value == Decimal(string: "1.5"))
        clock.advance(2)
        _ = try await service.totals(customerID: "c1", period: period)
        #expect(counting.count("totals") == 2, "past its lifetime the provider is asked again")
        _ = try await service.totals(customerID: "c1", period: TestStore.period("2026-11-01", "2026-11-15"))
        #expect(counting.count("totals") == 3, "another period is another answer")
        await service.invalidate()
        _ = try await service.totals(customerID: "c1", period: period)
        #expect(counting.count("totals") == 4, "invalidate forgets everything")
    }

    @Test func twoCallersShareOneRequest() async throws {
        let counting = CountingProvider(try Self.store().provider, holdTotals: true)
        let service = DataService(provider: counting, cache: .none)
        let period = TestStore.period("2026-11-01", "2026-12-01")
        async let first = service.totals(customerID: "c1", period: period)
        async let second = service.totals(customerID: "c1", period: period)
        while !counting.isHolding { await Task.yield() }
        counting.release()
        let (a, b) = try await (first, second)
        #expect(a == b)
        #expect(counting.count("totals") == 1, "identical calls in flight share one fetch")
    }

    @Test func theLocalPolicyNeverServesOldNumbers() async throws {
        let t = try Self.store()
        let counting = CountingProvider(t.provider)
        let service = DataService(provider: counting)
        let period = TestStore.period("2026-11-01", "2026-12-01")
        _ = try await service.totals(customerID: "c1", period: period)
        try t.ingest([TestStore.event("c", "calls", "2026-11-03T10:00:00Z")])
        let after = try await service.totals(customerID: "c1", period: period)
        #expect(after.first { $0.metric.code == "calls" }?.value == 2)
        #expect(counting.count("totals") == 2)
        #expect(await service.cachedCount == 0)
    }

    @Test func theCacheStaysBounded() async throws {
        let counting = CountingProvider(try Self.store().provider)
        let policy = CachePolicy(
            metrics: .seconds(60), customers: .seconds(60), usage: .seconds(60), timeseries: .seconds(60),
            events: .seconds(60), maxEntries: 10)
        let service = DataService(provider: counting, cache: policy)
        for day in 1...30 {
            let start = "2026-11-\(day < 10 ? "0" : "")\(day)"
            _ = try await service.totals(customerID: "c1", period: TestStore.period(start, "2026-12-01"))
        }
        #expect(await service.cachedCount == 10)
    }

    @Test func leavingCancelsTheProviderCallOnceNobodyWaits() async throws {
        let counting = CountingProvider(try Self.store().provider, holdTotals: true)
        let service = DataService(provider: counting, cache: .remote)
        let period = TestStore.period("2026-11-01", "2026-12-01")
        let caller = Task { try await service.totals(customerID: "c1", period: period) }
        while !counting.isHolding { await Task.yield() }
        caller.cancel()
        let outcome = await caller.result
        #expect(throws: UsageError.self) { try outcome.get() }
        #expect(counting.sawCancellation.withLock { $0 }, "the provider call itself was cancelled")
        #expect(await service.cachedCount == 0, "a cancelled answer is not stored")
    }

    @Test func aFetchCancelledByCallersWhoLeftIsStartedAgainForOneWhoWaits() async throws {
        let cancelling = CancelsFirstTotals(try Self.store().provider)
        let service = DataService(provider: cancelling, cache: .remote)
        let totals = try await service.totals(customerID: "c1", period: TestStore.period("2026-11-01", "2026-12-01"))
        #expect(
            totals.first { $0.metric.code == "gb" }?.value == Decimal(string: "1.5"), "no CancellationError on screen")
        #expect(cancelling.calls.withLock { $0 } == 2)
    }
}

/// The local provider whose first totals call ends as a shared fetch does when every other caller left.
final class CancelsFirstTotals: EventListing, SeriesListing {
    let inner: LocalProvider
    let calls = Mutex(0)
    init(_ inner: LocalProvider) { self.inner = inner }
    var name: String { inner.name }
    var capabilities: ProviderCapabilities { inner.capabilities }
    func sourceInfo() async throws -> SourceInfo { try await inner.sourceInfo() }
    func metrics() async throws -> [Metric] { try await inner.metrics() }
    func customer(id: String) async throws -> Customer? { try await inner.customer(id: id) }
    func customers() async throws -> [Customer] { try await inner.customers() }
    func summaries(metric: Metric, period: Period, trailingDays: Int, now: Date) async throws -> [CustomerSummary] {
        try await inner.summaries(metric: metric, period: period, trailingDays: trailingDays, now: now)
    }
    func totals(customerID: String, period: Period) async throws -> [UsageTotal] {
        if calls.withLock({
            $0 += 1; return $0
        }) == 1 {
            throw CancellationError()
        }
        return try await inner.totals(customerID: customerID, period: period)
    }
    func timeseries(metric: Metric, customerID: String?, period: Period, bucket: Bucket) async throws -> TimeSeries {
        try await inner.timeseries(metric: metric, customerID: customerID, period: period, bucket: bucket)
    }
    func events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int) async throws -> Page<
        UsageEvent
    > {
        try await inner.events(customerID: customerID, metric: metric, period: period, page: page, pageSize: pageSize)
    }
}
