import Foundation
import LocalStore
import PostgresTestSupport
import StoreCore
import Testing
import UsageCore

/// A provider's own totals kept by sync (`BilledRow`): both stores keep a reading a day of an open period and the
/// last of a closed one, and answer a billed metric from them alone, each row labelled with the period it answers.
@Suite("Billed totals: the provider's own numbers, kept and labelled")
struct BilledTotalsTests {
    static let seats = Metric(code: "seats", name: "Seats", aggregation: .weightedSum, field: "seats", billedBy: "lago")
    static let api = Metric(code: "api", name: "API", aggregation: .count, billedBy: "prolifi")

    static func reading(
        _ metric: Metric, _ customer: String, _ start: String, _ end: String, _ value: Decimal, taken: String,
        cents: Int? = nil
    ) -> BilledRow {
        BilledRow(
            customerID: customer, metricCode: metric.code, charge: "", period: TestStore.period(start, end),
            value: value,
            eventCount: nil, amountCents: cents, currency: cents == nil ? nil : "EUR",
            takenMs: UTCTime.milliseconds(TestStore.date(taken)))
    }

    static func store(_ kind: StoreKind) async throws -> StoreUnderTest {
        let t = try await StoreUnderTest.make(kind)
        _ = try await t.store.ingest(
            .lines([], name: "catalog"), metrics: [seats, api],
            customers: [Customer(id: "c1", name: "Acme"), Customer(id: "c2", name: "Globex")],
            skipInvalid: false)
        var rows = [
            reading(seats, "c1", "2026-10-01", "2026-11-01", 30, taken: "2026-11-02T08:00:00Z", cents: 3000),
            reading(seats, "c1", "2026-11-01", "2026-12-01", 5, taken: "2026-11-10T08:00:00Z"),
            reading(seats, "c1", "2026-11-01", "2026-12-01", 6, taken: "2026-11-11T08:00:00Z"),
            reading(seats, "c1", "2026-11-01", "2026-12-01", 7, taken: "2026-11-11T20:00:00Z"),
        ]
        for day in 1...5 {
            rows.append(
                reading(
                    api, "c1", "2026-11-0\(day)", "2026-11-0\(day + 1)", Decimal(day),
                    taken: "2026-11-0\(day + 1)T01:00:00Z"))
            rows.append(
                reading(api, "c2", "2026-11-0\(day)", "2026-11-0\(day + 1)", 10, taken: "2026-11-0\(day + 1)T01:00:00Z")
            )
        }
        try await t.store.recordBilled(rows, source: "test")
        return t
    }

    @Test(arguments: StoreKind.available)
    func theLastReadingAnswersEachPeriodNamedWithIt(kind: StoreKind) async throws {
        let t = try await Self.store(kind)
        let november = try await t.provider.totals(
            customerID: "c1", period: TestStore.period("2026-11-01", "2026-12-01"))
        let seats = november.filter { $0.metric.code == "seats" }
        #expect(
            seats.map(\.value) == [7] && seats.first?.period == nil && seats.first?.label == "Seats · as billed by lago"
        )
        let api = november.first { $0.metric.code == "api" }
        #expect(
            api?.value == 15 && api?.period == TestStore.period("2026-11-01", "2026-11-06"),
            "whole days added up, labelled with the days the readings cover")
        let straddling = try await t.provider.totals(
            customerID: "c1", period: TestStore.period("2026-10-15", "2026-11-15"))
        #expect(
            straddling.filter { $0.metric.code == "seats" }.map {
                "\($0.value) \($0.period.map { UTCTime.iso($0.start) } ?? "")"
            }
                == ["30 2026-10-01T00:00:00Z", "7 2026-11-01T00:00:00Z"])
        #expect(straddling.first { $0.metric.code == "seats" }?.amount == Money(minorUnits: 3000, currency: "EUR"))
        let kept = try await t.store.billedRows(customer: "c1", period: TestStore.period("2026-11-01", "2026-12-01"))
        #expect(
            kept.filter { $0.metricCode == "seats" && $0.period.start == TestStore.date("2026-11-01") }.map(\.value)
                .sorted() == [5, 7],
            "an open period keeps a reading a day (the last of each day): its history")
    }

    @Test(arguments: StoreKind.available)
    func dailyReadingsChartAndFillTheCustomersTable(kind: StoreKind) async throws {
        let t = try await Self.store(kind)
        let week = TestStore.period("2026-11-01", "2026-11-08")
        let series = try await t.provider.timeseries(metric: Self.api, customerID: "c1", period: week, bucket: .day)
        #expect(series.points.map(\.value) == [1, 2, 3, 4, 5, 0, 0] && series.total == 15)
        let all = try await t.provider.timeseries(metric: Self.api, customerID: nil, period: week, bucket: .day)
        #expect(all.points.map(\.value) == [11, 12, 13, 14, 15, 0, 0])
        let rows = try await t.provider.summaries(
            metric: Self.api, period: week, trailingDays: 7, now: TestStore.date("2026-11-07T12:00:00Z"))
        #expect(rows.map { "\($0.customer.id) \($0.total)" } == ["c1 15", "c2 50"])
        #expect(Array(rows[0].daily) == [1, 2, 3, 4, 5, 0, 0])
        await #expect(throws: UsageError.self) {
            _ = try await t.provider.events(customerID: "c1", metric: Self.api, period: week, page: 0, pageSize: 10)
        }
    }
}
