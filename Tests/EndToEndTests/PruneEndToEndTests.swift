import Foundation
import HTTPTestSupport
import PostgresTestSupport
import Testing

/// `usagetop store prune --before DAY` on both stores: it refuses without confirmation (removing nothing), refuses a
/// time of day, and once confirmed removes exactly the events before the day, with their rollups, so every total
/// before the day is nothing and every total from it is what it was.
@Suite("End to end: pruning a store")
struct PruneEndToEndTests {
    static let metrics = #"""
        [{"code": "calls", "name": "Calls", "aggregation": "count", "field": null, "unit": "calls"},
         {"code": "gb", "name": "GB", "aggregation": "sum", "field": "gb", "unit": "GB"},
         {"code": "users", "name": "Users", "aggregation": "unique_count", "field": "user", "unit": "users"}]
        """#

    /// Events on both sides of 2026-11-01, the last millisecond of October included.
    static func events() -> String {
        var lines: [String] = []
        let times = [
            "2026-10-02T08:00:00Z", "2026-10-15T12:30:00Z", "2026-10-31T23:59:59.999Z", "2026-11-01T00:00:00Z",
            "2026-11-03T10:00:00Z", "2026-11-20T18:00:00Z",
        ]
        for (index, time) in times.enumerated() {
            for (customer, code, properties) in [
                ("c1", "calls", "{}"), ("c2", "calls", "{}"), ("c1", "gb", #"{"gb": "1.25"}"#),
                ("c2", "users", #"{"user": "u\#(index % 2)"}"#),
            ] {
                lines.append(
                    #"{"transaction_id": "\#(customer)-\#(code)-\#(index)", "external_customer_id": "\#(customer)", "code": "\#(code)", "timestamp": "\#(time)", "properties": \#(properties)}"#
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `customers` of `metric` over `[from, to)` as CSV rows (id, total).
    static func totals(_ metric: String, _ from: String, _ to: String, db: String, _ environment: [String: String])
        async throws -> [String]
    {
        let out = try await Program.run(
            Tmux.binary,
            ["customers", "--db", db, "--metric", metric, "--from", from, "--to", to, "--format", "csv"],
            extra: environment)
        #expect(out.status == 0, "\(out.stderr)")
        return out.stdout.split(separator: "\n").dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            return "\(cells[0])=\(cells[2])"
        }
    }

    @Test(arguments: StoreKind.available)
    func pruneRemovesExactlyTheDaysBeforeAndOnlyOnceConfirmed(kind: StoreKind) async throws {
        let (db, environment) = try await SyncEndToEndTests.store(kind)
        let folder = ProcessScratch.root.appendingPathComponent("prune-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.metrics.write(to: folder.appendingPathComponent("m.json"), atomically: true, encoding: .utf8)
        try Self.events().write(to: folder.appendingPathComponent("e.jsonl"), atomically: true, encoding: .utf8)
        let ingest = try await Program.run(
            Tmux.binary,
            [
                "ingest", "--db", db, "--metrics", folder.appendingPathComponent("m.json").path,
                folder.appendingPathComponent("e.jsonl").path,
            ], extra: environment)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        var november: [String: [String]] = [:]
        for metric in ["calls", "gb", "users"] {
            november[metric] = try await Self.totals(metric, "2026-11-01", "2026-12-01", db: db, environment)
        }
        #expect(november["calls"] == ["c1=3", "c2=3"], "\(november)")
        #expect(
            try await Self.totals("calls", "2026-10-31T22:30:00Z", "2026-11-01T00:30:00Z", db: db, environment)
                == ["c1=2", "c2=2"])

        let refused = try await Program.run(
            Tmux.binary, ["store", "prune", "--db", db, "--before", "2026-11-01"], extra: environment)
        #expect(refused.status == 1 && refused.stderr.contains("would remove 12 events before 2026-11-01"))
        #expect(refused.stderr.contains("nothing removed: run again with --yes"), "\(refused.stderr)")
        #expect(try await Self.totals("calls", "2026-10-01", "2026-11-01", db: db, environment) == ["c1=3", "c2=3"])
        let midday = try await Program.run(
            Tmux.binary, ["store", "prune", "--db", db, "--before", "2026-11-01T12:00:00Z", "--yes"],
            extra: environment)
        #expect(midday.status != 0 && midday.stderr.contains("--before takes a day"), "\(midday.stderr)")

        let pruned = try await Program.run(
            Tmux.binary, ["store", "prune", "--db", db, "--before", "2026-11", "--yes"], extra: environment)
        #expect(pruned.status == 0, "\(pruned.stderr)")
        #expect(pruned.stdout.hasPrefix("removed 12 events before 2026-11-01 from "), "\(pruned.stdout)")
        for metric in ["calls", "gb", "users"] {
            // Totals read from the daily and hourly rollups, and a stretch ending mid-day read from the events.
            let october = try await Self.totals(metric, "2026-10-01", "2026-11-01", db: db, environment)
            #expect(october.allSatisfy { $0.hasSuffix("=0") }, "\(metric): nothing left before the day: \(october)")
            #expect(
                try await Self.totals(metric, "2026-11-01", "2026-12-01", db: db, environment) == november[metric],
                "\(metric): November unchanged")
        }
        // Across the cut, read from the events (a stretch of part hours): only November's first event is left.
        #expect(
            try await Self.totals("calls", "2026-10-31T22:30:00Z", "2026-11-01T00:30:00Z", db: db, environment)
                == ["c1=1", "c2=1"])
        let again = try await Program.run(
            Tmux.binary, ["store", "prune", "--db", db, "--before", "2026-11-01", "--yes"], extra: environment)
        #expect(again.stdout.hasPrefix("removed 0 events before 2026-11-01"), "\(again.stdout)")
        if kind == .postgres {
            #expect(try await TestPostgres.shared.strings(Self.partitions, in: db) == ["event_2026_11"])
        }
        try await Self.pruneWithinAMonth(db: db, folder: folder, environment)
    }

    /// The events' partitions of a PostgreSQL store, oldest first.
    static let partitions =
        "SELECT c.relname::text FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid "
        + "WHERE i.inhparent = 'event'::regclass ORDER BY 1"

    /// A day within November removes that month's events before it and keeps the rest of it; an id removed may then
    /// be loaded again, and one kept is still skipped.
    static func pruneWithinAMonth(db: String, folder: URL, _ environment: [String: String]) async throws {
        let pruned = try await Program.run(
            Tmux.binary, ["store", "prune", "--db", db, "--before", "2026-11-03", "--yes"], extra: environment)
        #expect(pruned.stdout.hasPrefix("removed 4 events before 2026-11-03 from "), "\(pruned.stdout)")
        #expect(try await Self.totals("calls", "2026-11-01", "2026-12-01", db: db, environment) == ["c1=2", "c2=2"])
        #expect(try await Self.totals("calls", "2026-11-03", "2026-11-04", db: db, environment) == ["c1=1", "c2=1"])
        let reloaded = try await Program.run(
            Tmux.binary, ["ingest", "--db", db, folder.appendingPathComponent("e.jsonl").path], extra: environment)
        #expect(reloaded.status == 0, "\(reloaded.stderr)")
        #expect(reloaded.stdout.contains("16 events"), "\(reloaded.stdout)")
        #expect(reloaded.stderr.contains("8 duplicate transaction_id ignored"), "\(reloaded.stderr)")
        #expect(try await Self.totals("calls", "2026-10-01", "2026-11-01", db: db, environment) == ["c1=3", "c2=3"])
        #expect(try await Self.totals("calls", "2026-11-01", "2026-12-01", db: db, environment) == ["c1=3", "c2=3"])
    }
}
