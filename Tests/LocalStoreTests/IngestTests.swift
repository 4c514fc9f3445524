import Foundation
import GRDB
import LocalStore
import StoreCore
import Testing
import UsageCore

@Suite("Ingest: every bad line reported, all or nothing by default")
struct IngestTests {
    @Test func oneBadLineWritesNothingAndReportsLineAndReason() throws {
        let t = try TestStore()
        let report = try t.ingest([
            TestStore.event("a", "calls", "2026-11-02T10:00:00Z"),
            "{not json",
            "",
            TestStore.event("b", "nope", "2026-11-02T10:00:00Z"),
            TestStore.event("c", "gb", "2026-11-02T10:00:00Z", #"{"gb": "lots"}"#),
            TestStore.event("d", "gb", "2026-11-02T10:00:00Z", #"{}"#),
            TestStore.event("e", "calls", "yesterday"),
            #"{"external_customer_id": "c1", "code": "calls", "timestamp": "2026-11-02T10:00:00Z"}"#,
            "[1, 2]",
        ])
        #expect(!report.committed)
        #expect(report.inserted == 0)
        #expect(try t.store.eventCount() == 0)
        #expect(report.rejections.map(\.line) == [2, 4, 5, 6, 7, 8, 9])
        #expect(
            report.rejections.map(\.reason) == [
                "invalid JSON at byte 2: expected a member name",
                "unknown metric code 'nope' (define it with --metrics)",
                #"properties.gb is not a number: "lots""#,
                "properties.gb is missing (metric 'gb' uses it)",
                #"timestamp "yesterday" is neither ISO-8601 nor unix seconds"#,
                #"missing "transaction_id""#,
                "expected a JSON object",
            ])
        #expect(report.lines.last == "nothing written: 7 invalid lines (use --skip-invalid to load the valid ones)")
    }

    @Test func skipInvalidKeepsTheValidLines() throws {
        let t = try TestStore()
        let report = try t.ingest(
            [
                TestStore.event("a", "calls", "2026-11-02T10:00:00Z"), "garbage",
                TestStore.event("b", "calls", "1793534400"),
            ], skipInvalid: true)
        #expect(report.committed)
        #expect(report.inserted == 2)
        #expect(report.rejectedCount == 1)
        #expect(try t.store.eventCount() == 2)
        #expect(!(try t.store.isDemoData()))
    }

    @Test func linesParsedAheadOnAnotherThreadKeepTheirNumbersAndOrder() throws {
        let t = try TestStore()
        var lines = (1...20_000).map { TestStore.event("t\($0)", "calls", "2026-11-02T10:00:00Z") }
        for bad in [4_096, 4_097, 13_000, 20_000] { lines[bad - 1] = "bad \(bad)" }
        lines[8_000] = TestStore.event("t5", "calls", "2026-11-02T11:00:00Z")
        let report = try t.ingest(lines, skipInvalid: true)
        #expect(report.rejections.map(\.line) == [4_096, 4_097, 13_000, 20_000], "numbers across chunk boundaries")
        #expect(report.inserted == 19_995 && report.duplicateSamples == ["t5"], "a repeat in a later chunk counts once")
        #expect(try t.store.eventCount() == 19_995)
        let strict = try TestStore()
        let refused = try strict.ingest(lines)
        let stored = try strict.store.eventCount()
        #expect(!refused.committed && stored == 0, "all or nothing across chunks")
    }

    @Test func listsTheFirstTwentyThenACount() throws {
        let t = try TestStore()
        let report = try t.ingest((1...45).map { "bad \($0)" })
        #expect(report.rejections.count == 20)
        #expect(report.rejectedCount == 45)
        #expect(report.lines[20] == "... and 25 more invalid lines")
    }

    @Test func catalogFilesAreValidated() throws {
        #expect(throws: UsageError.self) {
            try CatalogParser.metrics(from: Data(#"[{"code": "x", "aggregation": "avg"}]"#.utf8), source: "m.json")
        }
        #expect(throws: UsageError.self) {
            try CatalogParser.metrics(from: Data(#"[{"code": "x", "aggregation": "sum"}]"#.utf8), source: "m.json")
        }
        let metrics = try CatalogParser.metrics(
            from: Data(
                #"[{"code": "x", "name": "X", "aggregation": "unique_count", "field": "u", "unit": null}]"#.utf8),
            source: "m.json")
        #expect(metrics == [Metric(code: "x", name: "X", aggregation: .uniqueCount, field: "u", unit: nil)])
        let customers = try CatalogParser.customers(
            from: Data(#"[{"id": "a"}, {"id": "b", "name": "B", "currency": "EUR"}]"#.utf8), source: "c.json")
        #expect(customers == [Customer(id: "a", name: "a"), Customer(id: "b", name: "B", currency: "EUR")])
    }

    @Test func aMissingFileIsOneClearError() throws {
        let t = try TestStore()
        #expect(throws: UsageError(.invalidInput, "cannot read /nonexistent/events.jsonl: no such file")) {
            try Ingestor(store: t.store).ingest(eventsPath: "/nonexistent/events.jsonl")
        }
    }
}

@Suite("Ingest into a demo store")
struct IngestIntoDemoTests {
    @Test func realEventsReplaceDemoDataOnlyWhenTheLoadCommits() throws {
        let t = try TestStore()
        try DemoGenerator(
            options: DemoOptions(customers: 3, days: 2, eventsPerDay: 5, seed: 1), now: TestStore.date("2026-11-03")
        )
        .generate(into: t.store)
        let demoEvents = try t.store.eventCount()
        let failed = try t.ingest([TestStore.event("a", "calls", "2026-11-02T10:00:00Z"), "junk"])
        #expect(!failed.committed)
        #expect(try t.store.eventCount() == demoEvents, "a rolled-back load leaves the demo data as it was")
        #expect(try t.store.isDemoData())
        let report = try t.ingest([TestStore.event("a", "calls", "2026-11-02T10:00:00Z")])
        #expect(report.replacedDemoData)
        #expect(report.lines.contains("the store held only demo data: replaced it with these events"))
        #expect(try t.store.eventCount() == 1)
        #expect(try t.store.metrics().map(\.code) == TestStore.metrics.map(\.code))
        #expect(!(try t.store.isDemoData()))
    }

    @Test func aFirstLoadBuildsTheIndexesItDroppedAndARolledBackOneKeepsThem() async throws {
        let t = try TestStore()
        func indexes() throws -> [String] {
            try DatabaseQueue(path: t.store.path).read {
                try String.fetchAll(
                    $0, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
            }
        }
        let expected = [
            "CREATE INDEX event_by_customer ON event(customer_id, metric_code, ts_ms)",
            "CREATE INDEX event_by_metric ON event(metric_code, ts_ms)",
        ]
        let failed = try t.ingest([TestStore.event("a", "calls", "2026-11-02T10:00:00Z"), "junk"])
        #expect(!failed.committed)
        #expect(try indexes() == expected, "a rolled-back first load leaves the indexes as they were")
        try t.ingest(
            (0..<50).map {
                TestStore.event("e\($0)", "gb", "2026-11-02T10:00:00Z", customer: "c\($0 % 3)", #"{"gb": 1.5}"#)
            })
        #expect(try indexes() == expected)
        let plan = try await DatabaseQueue(path: t.store.path).read {
            try Row.fetchAll(
                $0, sql: "EXPLAIN QUERY PLAN SELECT * FROM event WHERE customer_id = 'c1' AND metric_code = 'gb'"
            )
            .map { $0["detail"] as String }
        }
        #expect(plan.joined().contains("event_by_customer"), "the rebuilt index serves the events view")
        let events = try await t.provider.events(
            customerID: "c1", metric: TestStore.metric("gb"),
            period: TestStore.period("2026-11-01T00:00:00Z", "2026-11-03T00:00:00Z"),
            page: 0, pageSize: 100)
        #expect(events.items.count == 17)
    }

    @Test func newStoresUseLargerPagesAndAStoreWithSmallOnesKeepsWorking() throws {
        let fresh = try TestStore()
        let pageSize = { (path: String) in
            try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "PRAGMA page_size") }
        }
        #expect(try pageSize(fresh.store.path) == 16_384)
        let folder = TestStore.root.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("old.sqlite").path
        _ = try UsageStore(path: path)
        let old = try DatabaseQueue(path: path)  // as stores made before 16 KiB pages are
        try old.writeWithoutTransaction {
            try $0.execute(
                sql: "PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096; VACUUM; PRAGMA journal_mode = WAL")
        }
        try old.close()
        #expect(try pageSize(path) == 4_096)
        let store = try UsageStore(path: path)
        let lines = (0..<300).map { TestStore.event("e\($0)", "gb", "2026-11-02T10:00:00Z", #"{"gb": 2}"#) }
        let url = folder.appendingPathComponent("events.jsonl")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        let report = try Ingestor(store: store).ingest(eventsPath: url.path, metrics: TestStore.metrics)
        #expect(report.inserted == 300)
        #expect(try pageSize(path) == 4_096, "an existing store keeps its pages (changing them needs a rewrite)")
        #expect(try store.eventCount() == 300)
    }
}

/// The demo is the same all day long: built at 09:00 or at 21:00 on one day, every event before 09:00 is the same
/// (ids, times and values), so numbers a test or a README reads off it never shift with the hour.
@Suite("The demo store does not move with the hour")
struct DemoDayTests {
    @Test func aDemoBuiltLaterInTheDayHoldsTheSameEarlierEvents() async throws {
        func events(at time: String) async throws -> [String] {
            let t = try TestStore()
            try DemoGenerator(
                options: DemoOptions(customers: 4, days: 3, eventsPerDay: 40, seed: 7), now: TestStore.date(time)
            ).generate(into: t.store)
            let provider = LocalProvider(store: t.store)
            var found: [String] = []
            let morning = TestStore.period("2026-11-01", "2026-11-03T09:00:00Z")
            for customer in ["cus_00001", "cus_00002", "cus_00003", "cus_00004"] {
                for metric in try t.store.metrics() where metric.code == "api_calls" || metric.code == "storage_gb" {
                    let page = try await provider.events(
                        customerID: customer, metric: metric, period: morning, page: 0, pageSize: 1_000,
                        query: EventQuery())
                    found += page.items.map { "\($0.transactionID) \($0.timestamp) \($0.properties)" }
                }
            }
            return found
        }
        let morning = try await events(at: "2026-11-03T09:00:00Z")
        #expect(!morning.isEmpty)
        #expect(try await events(at: "2026-11-03T21:00:00Z") == morning)
    }
}
