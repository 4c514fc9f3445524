import Foundation
import LocalStore
import PostgresTestSupport
import Testing
import UsageCore

/// A breakdown holds every event of the period once: a row per value of the property and one for the events without
/// it, each equal to a brute-force fold of the events, and for an additive metric the rows add up to the total.
@Suite("Breakdowns equal an independent computation")
struct BreakdownBruteForceTests {
    struct Raw {
        var code: String
        var ms: Int64
        var value: String
        var region: String?
    }

    @Test(arguments: StoreKind.available)
    func everyRowIsItsEventsAndTheRowsAddUpToTheTotal(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        var random = SeededRandom(seed: 23)
        let base: Int64 = 1_793_491_200_000  // 2026-11-01T00:00:00Z
        var raws: [Raw] = []
        var lines: [String] = []
        for n in 0..<1_500 {
            let code = ["calls", "gb", "peak", "users"][random.below(4)]
            let region = [nil, "eu", "us", "ap", #"a "quoted" one"#][random.below(5)]
            let value = code == "users" ? "u\(random.below(30))" : "\(random.below(50_000)).\(random.below(100))"
            let raw = Raw(code: code, ms: base + Int64(random.below(20 * 86_400_000)), value: value, region: region)
            raws.append(raw)
            var fields = [code == "users" ? #""user": "\#(value)""# : #""gb": \#(value), "v": \#(value)"#]
            if let region { fields.append(#""region": \#(JSONWriter.quote(region))"#) }
            lines.append(
                TestStore.event(
                    "b\(n)", code, UTCTime.iso(UTCTime.date(milliseconds: raw.ms)),
                    "{\(fields.joined(separator: ", "))}"))
        }
        #expect(try await t.ingest(lines).inserted == 1_500)
        for _ in 0..<6 {
            let start = base + Int64(random.below(10 * 86_400_000)),
                end = start + 1 + Int64(random.below(10 * 86_400_000))
            let period = Period(start: UTCTime.date(milliseconds: start), end: UTCTime.date(milliseconds: end))
            for metric in TestStore.metrics {
                let rows = try await t.provider.breakdown(
                    customerID: "c1", metric: metric, period: period, by: "region")
                let inside = raws.filter { $0.code == metric.code && $0.ms >= start && $0.ms < end }
                let values = Set(inside.map(\.region))
                #expect(Set(rows.map(\.value)) == values, "\(metric.code): a row per value, and one without it")
                for row in rows {
                    let mine = inside.filter { $0.region == row.value }
                    #expect(
                        row.events == mine.count && row.total == Self.fold(mine, metric),
                        "\(metric.code) \(row.value ?? "-")")
                }
                if metric.aggregation.isAdditive {
                    #expect(
                        rows.reduce(Decimal(0)) { $0 + $1.total } == Self.fold(inside, metric),
                        "\(metric.code): rows add up")
                }
            }
        }
    }

    static func fold(_ raws: [Raw], _ metric: Metric) -> Decimal {
        let numbers = raws.map { Decimal(string: $0.value, locale: Locale(identifier: "en_US_POSIX")) ?? 0 }
        switch metric.aggregation {
        case .count: return Decimal(raws.count)
        case .sum: return numbers.reduce(0, +)
        case .max: return numbers.max() ?? 0
        case .uniqueCount: return Decimal(Set(raws.map(\.value)).count)
        default: return 0
        }
    }
}
