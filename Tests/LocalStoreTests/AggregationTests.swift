import Foundation
import LocalStore
import PostgresTestSupport
import Testing
import UsageCore

@Suite("Aggregation semantics: half-open UTC periods, exact decimals, unique counts, duplicates")
struct AggregationTests {
    @Test(arguments: StoreKind.available)
    func periodsAreHalfOpen(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        try await t.ingest([
            TestStore.event("a", "calls", "2026-11-01T00:00:00Z"),
            TestStore.event("b", "calls", "2026-11-30T23:59:59.999Z"),
            TestStore.event("c", "calls", "2026-12-01T00:00:00Z"),
            TestStore.event("d", "calls", "2026-10-31T23:59:59.999Z"),
        ])
        let totals = try await t.provider.totals(customerID: "c1", period: TestStore.period("2026-11-01", "2026-12-01"))
        #expect(totals.first { $0.metric.code == "calls" }?.value == 2)
        let edge = try await t.provider.totals(
            customerID: "c1", period: TestStore.period("2026-12-01", "2026-12-01T00:00:00.001Z"))
        #expect(edge.first { $0.metric.code == "calls" }?.value == 1)
    }

    @Test(arguments: StoreKind.available)
    func sumsDecimalsExactly(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        try await t.ingest([
            TestStore.event("a", "gb", "2026-11-02T10:00:00Z", #"{"gb": 0.1}"#),
            TestStore.event("b", "gb", "2026-11-02T10:30:00Z", #"{"gb": "0.2"}"#),
            TestStore.event("c", "gb", "2026-11-03T01:15:00Z", #"{"gb": 1e-3}"#),
        ])
        let period = TestStore.period("2026-11-01", "2026-12-01")
        let total = try await t.provider.totals(customerID: "c1", period: period).first { $0.metric.code == "gb" }
        #expect(total?.value == Decimal(string: "0.301"))
        #expect(total?.eventCount == 3)
        let hourly = try await t.provider.timeseries(
            metric: TestStore.metric("gb"), customerID: "c1",
            period: TestStore.period("2026-11-02T10:00Z", "2026-11-02T12:00Z"),
            bucket: .hour)
        #expect(hourly.points.map(\.value) == [Decimal(string: "0.3")!, 0])
        #expect(DecimalText.format(hourly.total) == "0.3")
    }

    @Test(arguments: StoreKind.available)
    func maxIsTheLargestValueNotTheSum(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        try await t.ingest([
            TestStore.event("a", "peak", "2026-11-02T10:00:00Z", #"{"v": 5.5}"#),
            TestStore.event("b", "peak", "2026-11-05T10:00:00Z", #"{"v": 12.25}"#),
            TestStore.event("c", "peak", "2026-11-09T10:00:00Z", #"{"v": -3}"#),
        ])
        let series = try await t.provider.timeseries(
            metric: TestStore.metric("peak"), customerID: "c1", period: TestStore.period("2026-11-01", "2026-12-01"),
            bucket: .month)
        #expect(series.points.map(\.value) == [Decimal(string: "12.25")!])
        #expect(series.total == Decimal(string: "12.25"))
    }

    @Test(arguments: StoreKind.available)
    func uniqueCountsDistinctValuesAcrossBuckets(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        try await t.ingest([
            TestStore.event("a", "users", "2026-11-02T10:00:00Z", #"{"user": "u1"}"#),
            TestStore.event("b", "users", "2026-11-02T11:00:00Z", #"{"user": "u1"}"#),
            TestStore.event("c", "users", "2026-11-03T10:00:00Z", #"{"user": "u2"}"#),
            TestStore.event("d", "users", "2026-11-03T10:05:00Z", #"{"user": "u1"}"#),
            TestStore.event("e", "users", "2026-11-03T10:06:00Z", customer: "c2", #"{"user": "u3"}"#),
        ])
        let period = TestStore.period("2026-11-01", "2026-12-01")
        let series = try await t.provider.timeseries(
            metric: TestStore.metric("users"), customerID: "c1", period: period, bucket: .day)
        #expect(series.points[1].value == 1)
        #expect(series.points[2].value == 2)
        #expect(series.total == 2, "the period total counts u1 once, not once per day")
        let all = try await t.provider.timeseries(
            metric: TestStore.metric("users"), customerID: nil, period: period, bucket: .month)
        #expect(all.total == 3)
    }

    @Test(arguments: StoreKind.available)
    func repeatedTransactionIDsCountOnce(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        let report = try await t.ingest([
            TestStore.event("same", "calls", "2026-11-02T10:00:00Z"),
            TestStore.event("same", "calls", "2026-11-02T11:00:00Z"),
            TestStore.event("other", "calls", "2026-11-02T12:00:00Z"),
        ])
        #expect(report.inserted == 2)
        #expect(report.duplicateCount == 1)
        #expect(report.lines.contains { $0.hasPrefix("1 duplicate transaction_id ignored (same)") })
        let again = try await t.ingest([TestStore.event("same", "calls", "2026-11-03T10:00:00Z")])
        #expect(again.inserted == 0 && again.duplicateCount == 1)
        let total = try await t.provider.totals(customerID: "c1", period: TestStore.period("2026-11-01", "2026-12-01"))
        #expect(total.first?.value == 2)
    }

    @Test(arguments: StoreKind.available)
    func customersSeenOnlyInEventsAreNamedByID(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        try await t.ingest([TestStore.event("a", "calls", "2026-11-02T10:00:00Z", customer: "stranger")])
        let customer = try await t.provider.customer(id: "stranger")
        #expect(customer?.name == "stranger")
        #expect(try await t.provider.customer(id: "c1")?.name == "Acme")
    }

    @Test(arguments: StoreKind.available)
    func summariesGiveTotalsDailyValuesAndLastEvent(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        try await t.ingest([
            TestStore.event("a", "calls", "2026-11-20T10:00:00Z"),
            TestStore.event("b", "calls", "2026-11-21T10:00:00Z"),
            TestStore.event("c", "calls", "2026-11-21T11:00:00Z"),
        ])
        let rows = try await t.provider.summaries(
            metric: TestStore.metric("calls"), period: TestStore.period("2026-11-21", "2026-11-22"), trailingDays: 3,
            now: TestStore.date("2026-11-21T12:00:00Z"))
        let acme = try #require(rows.first { $0.customer.id == "c1" })
        #expect(acme.total == 2)
        #expect(acme.daily == [0, 1, 2])
        #expect(acme.lastEventAt == TestStore.date("2026-11-21T11:00:00Z"))
        let earlier = try await t.provider.summaries(
            metric: TestStore.metric("calls"), period: TestStore.period("2026-11-20", "2026-11-21"), trailingDays: 3,
            now: TestStore.date("2026-11-21T12:00:00Z"))
        #expect(
            earlier.first { $0.customer.id == "c1" }?.lastEventAt == TestStore.date("2026-11-20T10:00:00Z"),
            "the last event of the period asked, not a later one")
        let before = try await t.provider.summaries(
            metric: TestStore.metric("calls"), period: TestStore.period("2026-11-01", "2026-11-02"), trailingDays: 3,
            now: TestStore.date("2026-11-21T12:00:00Z"))
        #expect(before.first { $0.customer.id == "c1" }?.lastEventAt == nil, "no event in the period, none shown")
    }
}

@Suite("Long series: more ranges than one statement reads")
struct LongSeriesTests {
    @Test(arguments: StoreKind.available)
    func aMonthOfMinuteEdgedHoursIsExactInEveryBucket(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        // One event of each an hour, on the half hour, for 30 days; a period starting at minute 20 gives 721 hourly
        // buckets, the first and last cut (raw edges): several statements, and more union terms than SQLite takes in
        // one.
        let start = TestStore.date("2026-11-01T00:20:00Z")
        let lines = (0..<720).flatMap { hour in
            let time = start.addingTimeInterval(Double(hour) * 3_600 + 600)
            let stamp = ISO8601DateFormatter().string(from: time)
            return [
                TestStore.event("g\(hour)", "gb", stamp, #"{"gb": "0.\#(hour % 10)1"}"#),
                TestStore.event("u\(hour)", "users", stamp, #"{"user": "u\#(hour % 7)"}"#),
            ]
        }
        let report = try await t.ingest(lines)
        #expect(report.inserted == 1_440, "\(report.rejectedCount) rejected")
        let period = Period(start: start, end: start.addingTimeInterval(720 * 3_600))
        let gb = try await t.provider.timeseries(
            metric: TestStore.metric("gb"), customerID: "c1", period: period, bucket: .hour)
        // Bucket h (from 00:00) holds the event at h:30, which is event h (the first bucket's 00:20-01:00 has event 0).
        #expect(gb.points.count == 721)
        #expect(gb.points.map(\.value) == (0..<720).map { Decimal(string: "0.\($0 % 10)1")! } + [0])
        #expect(gb.total == (0..<720).reduce(Decimal(0)) { $0 + Decimal(string: "0.\($1 % 10)1")! })
        let users = try await t.provider.timeseries(
            metric: TestStore.metric("users"), customerID: "c1", period: period, bucket: .hour)
        #expect(users.points.map(\.value) == Array(repeating: 1, count: 720) + [0])
        #expect(users.total == 7)
    }
}
