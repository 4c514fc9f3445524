import Foundation
@testable import PostgresStore
import PostgresTestSupport
import StoreCore
import Testing
import UsageCore

/// The PostgreSQL store's three ways a load's identities go in (plain inserts for a large load of new ids, the
/// checked insert for a small one, and a large one whose plain insert met a held id and was done again checked) keep
/// the first of each id and count it once; and the rollups come out the same whether the loads made them or they were
/// made once over every event held (`rollUpHeldEvents`, which the 100-million-event benchmark uses), which a store
/// whose rollups already hold anything refuses rather than count twice.
@Suite("PostgreSQL loads and their rollups")
struct HeldRollupTests {
    /// Each rollup table as text lines, in a fixed order.
    static let contents = [
        """
        SELECT 'h ' || metric_code || ' ' || customer_id || ' ' || slot || ' ' || event_count || ' '
            || COALESCE(sum_value::text, '-') || ' ' || COALESCE(max_value::text, '-') FROM rollup_hour ORDER BY 1
        """,
        """
        SELECT 'd ' || metric_code || ' ' || customer_id || ' ' || slot || ' ' || event_count || ' '
            || COALESCE(sum_value::text, '-') || ' ' || COALESCE(max_value::text, '-') FROM rollup_day ORDER BY 1
        """,
        "SELECT 'u ' || metric_code || ' ' || customer_id || ' ' || slot || ' ' || value FROM distinct_hour ORDER BY 1",
        "SELECT 'v ' || metric_code || ' ' || customer_id || ' ' || slot || ' ' || value FROM distinct_day ORDER BY 1",
    ]

    /// One load's lines: `count` events with ids `prefix0`…, over customers c0–c3, four metrics, hours, days and two
    /// months, then `repeats`; `kept` gets the sum of `gb` per customer of the events a store keeps (the first of each
    /// id: not in `held`, which gets the ids).
    static func lines(
        _ prefix: String, count: Int, repeats: [String] = [], random: inout SeededRandom, held: inout Set<String>,
        kept: inout [String: Decimal]
    ) -> [String] {
        ((0..<count).map { "\(prefix)\($0)" } + repeats).map { id in
            let code = ["calls", "gb", "peak", "users"][random.below(4)], customer = "c\(random.below(4))"
            let gb = Decimal(random.below(90_000)) / 100
            let at =
                "2026-\(11 + random.below(2))-\(10 + random.below(9))T\(10 + random.below(14)):\(10 + random.below(50)):00Z"
            if held.insert(id).inserted, code == "gb" { kept[customer, default: 0] += gb }
            let properties = #"{"gb": \#(gb), "v": \#(random.below(50)), "user": "u\#(random.below(30))"}"#
            return TestStore.event(id, code, at, customer: customer, properties)
        }
    }

    @Test(.enabled(if: TestPostgres.isInstalled, Comment(rawValue: TestPostgres.absent)))
    func everyWayALoadGoesInKeepsTheFirstOfEachIDAndTheRollupsAgree() async throws {
        let (url, password) = try await TestPostgres.shared.freshDatabase()
        let store = try await PostgresUsageStore.open(try PostgresTarget(url: url, password: Secret(password)))
        var random = SeededRandom(seed: 24)
        var kept: [String: Decimal] = [:], held = Set<String>()
        let large = EventBatchWriter.plainFirstRows + 10
        func load(_ lines: [String]) async throws -> IngestReport {
            try await store.ingest(
                .lines(Array(lines.joined(separator: "\n").utf8), name: "load"), metrics: TestStore.metrics,
                customers: [], skipInvalid: false)
        }
        let plain = try await load(Self.lines("a", count: large, random: &random, held: &held, kept: &kept))
        #expect(plain.inserted == large && plain.duplicateCount == 0, "\(plain.lines)")
        let checked = try await load(
            Self.lines("b", count: 300, repeats: ["b7", "a3", "b7"], random: &random, held: &held, kept: &kept))
        #expect(checked.inserted == 300 && checked.duplicateSamples == ["b7", "a3", "b7"], "\(checked.lines)")
        // Parsed in two chunks (32,768 lines each): the second repeats the first's c5, then a held a5.
        let chunked = 32_768 + large
        let undone = try await load(
            Self.lines("c", count: chunked, repeats: ["c5", "a5"], random: &random, held: &held, kept: &kept))
        #expect(undone.inserted == chunked && undone.duplicateSamples == ["c5", "a5"], "\(undone.lines)")
        let events = try await TestPostgres.shared.strings("SELECT count(*)::text FROM event", in: url)
        #expect(events == ["\(large + 300 + chunked)"])
        let period = TestStore.period("2026-11-01", "2027-01-01")
        for (customer, sum) in kept {
            let totals = try await store.reader.totals(customerID: customer, period: period)
            #expect(totals.first { $0.metric.code == "gb" }?.value == sum, "\(customer): the first of each id, once")
        }

        var loaded: [String] = []
        for sql in Self.contents { loaded += try await TestPostgres.shared.strings(sql, in: url) }
        #expect(loaded.count > 1_000)
        await #expect(throws: UsageError.self, "the rollups hold the loads: they would count twice") {
            try await store.rollUpHeldEvents()
        }
        _ = try await TestPostgres.shared.strings(
            """
            WITH h AS (DELETE FROM rollup_hour), d AS (DELETE FROM rollup_day), u AS (DELETE FROM distinct_hour),
                v AS (DELETE FROM distinct_day)
            SELECT 'emptied'
            """, in: url)
        try await store.rollUpHeldEvents()
        var made: [String] = []
        for sql in Self.contents { made += try await TestPostgres.shared.strings(sql, in: url) }
        #expect(made == loaded)
    }
}
