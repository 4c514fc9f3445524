import Foundation
import LocalStore
import PostgresTestSupport
import Testing
import UsageCore

/// Random events and random (unaligned) periods: the store's rollup answers must equal a brute-force fold
/// over the same events, written here without any of the store's code.
@Suite("Store answers equal an independent computation")
struct IndependentComputationTests {
    struct Raw {
        var customer: String
        var code: String
        var ms: Int64
        var value: String
    }

    @Test(arguments: StoreKind.available)
    func totalsAndSeriesMatchBruteForce(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        var random = SeededRandom(seed: 7)
        let base: Int64 = 1_793_491_200_000  // 2026-11-01T00:00:00Z
        let span: Int64 = 70 * 86_400_000
        var raws: [Raw] = []
        var lines: [String] = []
        for n in 0..<3_000 {
            let customer = ["c1", "c2", "c3"][random.below(3)]
            let code = ["calls", "gb", "peak", "users"][random.below(4)]
            let ms = base - 5 * 86_400_000 + Int64(random.below(Int(span)))
            let value =
                code == "users" ? "u\(random.below(40))" : "\(random.below(100_000) - 20_000).\(random.below(1000))"
            raws.append(Raw(customer: customer, code: code, ms: ms, value: value))
            let field = code == "users" ? #"{"user": "\#(value)"}"# : #"{"gb": \#(value), "v": \#(value)}"#
            lines.append(
                TestStore.event("t\(n)", code, UTCTime.iso(UTCTime.date(milliseconds: ms)), customer: customer, field))
        }
        let report = try await t.ingest(lines)
        #expect(report.inserted == 3_000)
        try await Self.checkRandomPeriods(t.provider, raws, random: &random, base: base, span: span)
    }

    /// Totals, daily series and the customers table of every metric, for one customer and for all, over random
    /// periods within `span` of `base`: each equal to the brute-force fold of `raws`.
    static func checkRandomPeriods(
        _ provider: any SeriesListing, _ raws: [Raw], random: inout SeededRandom, base: Int64, span: Int64,
        periods: Int = 25
    ) async throws {
        for _ in 0..<periods {
            let start = base + Int64(random.below(Int(span / 2))) - 3 * 86_400_000
            let end = start + 1 + Int64(random.below(Int(span / 2)))
            let period = Period(start: UTCTime.date(milliseconds: start), end: UTCTime.date(milliseconds: end))
            for metric in TestStore.metrics {
                for customer in ["c1", nil] as [String?] {
                    let expected = Self.fold(raws, metric: metric, customer: customer, start: start, end: end)
                    let series = try await provider.timeseries(
                        metric: metric, customerID: customer, period: period, bucket: .day)
                    #expect(series.total == expected, "\(metric.code) \(customer ?? "all") \(start)..<\(end)")
                    for (index, point) in series.points.enumerated() {
                        let lower = max(start, UTCTime.milliseconds(point.start))
                        let upper =
                            index + 1 < series.points.count ? UTCTime.milliseconds(series.points[index + 1].start) : end
                        #expect(
                            point.value == Self.fold(raws, metric: metric, customer: customer, start: lower, end: upper)
                        )
                    }
                }
                try await Self.checkCustomersTable(
                    provider, raws, metric: metric, period: period, now: end - 1 + Int64(random.below(3)) * 86_400_000)
                let totals = try await provider.totals(customerID: "c2", period: period)
                #expect(
                    totals.first { $0.metric == metric }?.value
                        == Self.fold(raws, metric: metric, customer: "c2", start: start, end: end))
            }
        }
    }

    /// Every customer's row of the customers table: its total over the period and its values for each trailing day.
    static func checkCustomersTable(
        _ provider: any UsageProvider, _ raws: [Raw], metric: Metric, period: Period, now: Int64
    ) async throws {
        let days = 10
        let rows = try await provider.summaries(
            metric: metric, period: period, trailingDays: days, now: UTCTime.date(milliseconds: now))
        #expect(rows.map(\.customer.id).sorted() == ["c1", "c2", "c3"])
        let start = UTCTime.milliseconds(period.start), end = UTCTime.milliseconds(period.end)
        let endDay = (now / 86_400_000 + 1) * 86_400_000
        for row in rows {
            let id = row.customer.id
            #expect(
                row.total == fold(raws, metric: metric, customer: id, start: start, end: end), "\(metric.code) \(id)")
            let expected = (0..<days).map { day in
                let dayStart = endDay - Int64(days - day) * 86_400_000
                return fold(raws, metric: metric, customer: id, start: dayStart, end: dayStart + 86_400_000)
            }
            #expect(Array(row.daily) == expected, "\(metric.code) \(id) daily")
        }
    }

    static func fold(_ raws: [Raw], metric: Metric, customer: String?, start: Int64, end: Int64) -> Decimal {
        let hits = raws.filter {
            $0.code == metric.code && $0.ms >= start && $0.ms < end && (customer == nil || $0.customer == customer)
        }
        switch metric.aggregation {
        case .count: return Decimal(hits.count)
        case .sum:
            return hits.reduce(Decimal(0)) {
                $0 + Decimal(string: $1.value, locale: Locale(identifier: "en_US_POSIX"))!
            }
        case .max: return hits.map { Decimal(string: $0.value, locale: Locale(identifier: "en_US_POSIX"))! }.max() ?? 0
        case .uniqueCount: return Decimal(Set(hits.map(\.value)).count)
        case .weightedSum, .latest, .custom: return 0
        }
    }
}
