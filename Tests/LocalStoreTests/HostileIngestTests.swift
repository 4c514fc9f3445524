import Foundation
import LocalStore
import StoreCore
import Testing
import UsageCore

/// Ingest files an attacker (or a careless export) would write: each class is refused per line with its reason,
/// and the store stays exactly as it was; nothing traps, nothing is accepted and then lost.
@Suite("Ingest: hostile files")
struct HostileIngestTests {
    static let nul = "\u{0}"

    @Test(arguments: [
        (TestStore.event("t", "calls", "1e300"), "timestamp \"1e300\" is neither ISO-8601 nor unix seconds"),
        (
            #"{"transaction_id": "t", "external_customer_id": "c1", "code": "calls", "timestamp": 1e300}"#,
            "timestamp 1e300 is after 2200-01-01 (events must fall between 1970 and 2200)"
        ),
        (
            #"{"transaction_id": "t", "external_customer_id": "c1", "code": "calls", "timestamp": -9.3e18}"#,
            "timestamp -9.3e18 is before 1970-01-01 (events must fall between 1970 and 2200)"
        ),
        (
            TestStore.event("t", "calls", "99999999999999999999999"),
            "timestamp \"99999999999999999999999\" is after 2200-01-01 (events must fall between 1970 and 2200)"
        ),
        (
            #"{"transaction_id": "t", "external_customer_id": "c1", "code": "calls", "timestamp": 1762000000123}"#,
            "timestamp 1762000000123 is after 2200-01-01 (events must fall between 1970 and 2200); it looks like milliseconds: give seconds (1762000000.123)"
        ),
        (
            TestStore.event("t", "calls", "0001-01-01T00:00:00Z"),
            "timestamp \"0001-01-01T00:00:00Z\" is before 1970-01-01 (events must fall between 1970 and 2200)"
        ),
        (
            TestStore.event("t", "calls", "9999-12-31"),
            "timestamp \"9999-12-31\" is after 2200-01-01 (events must fall between 1970 and 2200)"
        ),
        (
            TestStore.event("t", "gb", "2026-11-02T10:00:00Z", #"{"gb": 1e30}"#),
            "properties.gb = 1e30 is out of range (values must be below 10^18)"
        ),
        (
            TestStore.event("t", "gb", "2026-11-02T10:00:00Z", #"{"gb": 1e400}"#),
            "properties.gb = 1e400 is out of range (values must be below 10^18)"
        ),
        (
            TestStore.event("t", "gb", "2026-11-02T10:00:00Z", #"{"gb": "0.0000000000001"}"#),
            #"properties.gb = "0.0000000000001" has more than 12 decimal places"#
        ),
        (
            TestStore.event("t", "peak", "2026-11-02T10:00:00Z", #"{"v": 1234567890123456789012345678901234567890}"#),
            "properties.v = 1234567890123456789012345678901234567890 is out of range (values must be below 10^18)"
        ),
        (
            #"{"transaction_id": "tx\u0000a", "external_customer_id": "c1", "code": "calls", "timestamp": "2026-11-02T10:00:00Z"}"#,
            #""transaction_id" holds a control character (U+0000)"#
        ),
        (
            #"{"transaction_id": "t", "external_customer_id": "c\u001b[2J", "code": "calls", "timestamp": "2026-11-02T10:00:00Z"}"#,
            #""external_customer_id" holds a control character (U+001B)"#
        ),
    ])
    func refusedPerLineAndTheStoreStaysAsItWas(line: String, reason: String) async throws {
        let t = try TestStore()
        try t.ingest([TestStore.event("ok", "calls", "2026-11-02T09:00:00Z")])
        let before = try await t.provider.changeToken()
        let report = try t.ingest([TestStore.event("fine", "calls", "2026-11-02T10:00:00Z"), line])
        #expect(!report.committed && report.rejections.map(\.line) == [2])
        #expect(report.rejections.first?.reason == reason)
        let after = try await t.provider.changeToken()
        #expect(try t.store.eventCount() == 1 && after == before, "nothing was written")
    }

    @Test func twoIdsThatDifferAfterANulAreNeverMerged() throws {
        let t = try TestStore()
        let report = try t.ingest(
            [
                #"{"transaction_id": "tx\u0000one", "external_customer_id": "c1", "code": "calls", "timestamp": "2026-11-02T10:00:00Z"}"#,
                #"{"transaction_id": "tx\u0000two", "external_customer_id": "c1", "code": "calls", "timestamp": "2026-11-02T10:00:00Z"}"#,
            ], skipInvalid: true)
        #expect(report.rejectedCount == 2 && report.duplicateCount == 0 && report.inserted == 0)
    }

    @Test func everyMillisecondOfAFractionIsKeptExactly() async throws {
        let t = try TestStore()
        let stamps = (0..<1000).map { "2026-11-05T10:00:00.\(String(format: "%03d", $0))Z" }
        let report = try t.ingest(stamps.enumerated().map { TestStore.event("ms\($0.offset)", "calls", $0.element) })
        #expect(report.inserted == 1000)
        let base = UTCTime.milliseconds(TestStore.date("2026-11-05T10:00:00Z"))
        for (index, stamp) in stamps.enumerated() {
            let start = try #require(ISO8601Parser.parse(stamp))
            #expect(UTCTime.milliseconds(start) == base + Int64(index), "\(stamp) is read as \(index) ms")
            let one = Period(start: start, end: UTCTime.date(milliseconds: base + Int64(index) + 1))
            let calls = try await t.provider.totals(customerID: "c1", period: one).first { $0.metric.code == "calls" }
            #expect(calls?.eventCount == 1, "exactly the event at \(stamp) is in [\(stamp), +1 ms)")
        }
    }

    @Test func aByteOrderMarkIsAccepted() throws {
        let t = try TestStore()
        let path = try t.file([TestStore.event("a", "calls", "2026-11-02T10:00:00Z")])
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try (Data([0xEF, 0xBB, 0xBF]) + data).write(to: URL(fileURLWithPath: path))
        let report = try Ingestor(store: t.store).ingest(eventsPath: path, metrics: TestStore.metrics)
        #expect(report.committed && report.inserted == 1)
        let metrics = try CatalogParser.metrics(
            from: Data([0xEF, 0xBB, 0xBF]) + Data(#"[{"code": "x", "aggregation": "count"}]"#.utf8), source: "m.json")
        #expect(metrics.map(\.code) == ["x"])
    }

    @Test(arguments: ["/dev/zero", "long"])
    func aLineLongerThanOneMebibyteStopsTheLoad(source: String) throws {
        let t = try TestStore()
        let path =
            source == "long"
            ? try t.file([
                TestStore.event("a", "calls", "2026-11-02T10:00:00Z"), String(repeating: "x", count: (1 << 20) + 1),
            ])
            : source
        #expect(
            throws: UsageError(
                .invalidInput,
                "\(path) line \(source == "long" ? 2 : 1) is longer than 1 MiB (is it JSON Lines?); nothing written")
        ) {
            try Ingestor(store: t.store).ingest(eventsPath: path, metrics: TestStore.metrics)
        }
        #expect(try t.store.eventCount() == 0)
    }

    @Test func aFolderIsOneClearError() throws {
        let t = try TestStore()
        #expect(throws: UsageError(.invalidInput, "cannot read \(t.folder.path): is a folder, not a file")) {
            try Ingestor(store: t.store).ingest(eventsPath: t.folder.path)
        }
    }

    @Test func controlCharactersInCatalogIdsAreRefused() {
        #expect(throws: UsageError(.invalidInput, #"c.json item 1: "id" holds a control character (U+0000)"#)) {
            try CatalogParser.customers(from: Data(#"[{"id": "a\u0000b"}]"#.utf8), source: "c.json")
        }
        #expect(throws: UsageError(.invalidInput, #"m.json item 1: "code" holds a control character (U+000A)"#)) {
            try CatalogParser.metrics(from: Data(#"[{"code": "a\nb", "aggregation": "count"}]"#.utf8), source: "m.json")
        }
    }
}
