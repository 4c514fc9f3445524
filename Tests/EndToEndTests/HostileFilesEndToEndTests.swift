import Foundation
import GRDB
import HTTPTestSupport
import Testing

/// The real binary given files and flags nobody vetted: every one ends in a clear line and an exit code, never a
/// signal; a store is never changed by a load that fails; output is safe for a terminal and a spreadsheet.
@Suite("Hostile files and flags, end to end")
struct HostileFilesEndToEndTests {
    static func folder() throws -> URL {
        let url = ProcessScratch.root.appendingPathComponent("hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func run(_ arguments: [String]) async throws -> Program.Output {
        try await Program.run(Tmux.binary, arguments)
    }

    /// A store holding one real event, and what `snapshot` says about it.
    static func store(in folder: URL) async throws -> (db: String, snapshot: String) {
        let db = folder.appendingPathComponent("real.sqlite").path
        let metrics = folder.appendingPathComponent("metrics.json")
        try
            #"[{"code": "calls", "name": "Calls", "aggregation": "count"}, {"code": "gb", "name": "GB", "aggregation": "sum", "field": "gb"}]"#
            .write(to: metrics, atomically: true, encoding: .utf8)
        let events = folder.appendingPathComponent("first.jsonl")
        try
            #"{"transaction_id": "t0", "external_customer_id": "c1", "code": "calls", "timestamp": "2026-11-02T10:00:00Z"}"#
            .write(to: events, atomically: true, encoding: .utf8)
        let loaded = try await run(["ingest", "--db", db, "--metrics", metrics.path, events.path])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        return (db, try await snapshot(db))
    }

    static func snapshot(_ db: String) async throws -> String {
        try await run([
            "snapshot", "--db", db, "--customer", "c1", "--from", "1970-01-01", "--to", "2200-01-01", "--format",
            "json",
        ])
        .stdout
    }

    @Test(arguments: [
        (
            #"{"transaction_id": "t1", "external_customer_id": "c1", "code": "calls", "timestamp": 1762000000123}"#,
            "line 1: timestamp 1762000000123 is after 2200-01-01 (events must fall between 1970 and 2200); it looks like milliseconds: give seconds (1762000000.123)"
        ),
        (
            #"{"transaction_id": "t1", "external_customer_id": "c1", "code": "calls", "timestamp": "99999999999999999999999"}"#,
            #"line 1: timestamp "99999999999999999999999" is after 2200-01-01"#
        ),
        (
            #"{"transaction_id": "t\u0000x", "external_customer_id": "c1", "code": "calls", "timestamp": "2026-11-02T11:00:00Z"}"#,
            #"line 1: "transaction_id" holds a control character (U+0000)"#
        ),
        (
            #"{"transaction_id": "t1", "external_customer_id": "c1", "code": "gb", "timestamp": "2026-11-02T11:00:00Z", "properties": {"gb": 1e127}}"#,
            "line 1: properties.gb = 1e127 is out of range (values must be below 10^18)"
        ),
        (
            #"{"transaction_id": "t1", "external_customer_id": "c1", "code": "\u001b]0;owned\u0007", "timestamp": "2026-11-02T11:00:00Z"}"#,
            #"line 1: "code" holds a control character (U+001B)"#
        ),
    ])
    func aRefusedLineExitsOneNamesItsLineAndChangesNothing(line: String, reason: String) async throws {
        let folder = try Self.folder()
        let (db, before) = try await Self.store(in: folder)
        let events = folder.appendingPathComponent("bad.jsonl")
        try line.write(to: events, atomically: true, encoding: .utf8)
        let result = try await Self.run(["ingest", "--db", db, events.path])
        #expect(result.status == 1 && result.stderr.contains(reason), "\(result.stderr)")
        #expect(
            !result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{0}"),
            "stderr carries no raw control character")
        #expect(try await Self.snapshot(db) == before, "the store did not change")
    }

    @Test func unreadableSourcesEndInOneLine() async throws {
        let folder = try Self.folder()
        let (db, before) = try await Self.store(in: folder)
        let zero = try await Self.run(["ingest", "--db", db, "/dev/zero"])
        #expect(
            zero.status == 1
                && zero.stderr
                    == "usagetop: /dev/zero line 1 is longer than 1 MiB (is it JSON Lines?); nothing written\n"
        )
        let directory = try await Self.run(["ingest", "--db", db, folder.path])
        #expect(
            directory.status == 1
                && directory.stderr == "usagetop: cannot read \(folder.path): is a folder, not a file\n")
        #expect(try await Self.snapshot(db) == before)
    }

    @Test func absurdNumbersOnTheCommandLineAreRefusedNotTrapped() async throws {
        let folder = try Self.folder()
        let (db, _) = try await Self.store(in: folder)
        for arguments in [
            ["events", "--db", db, "--customer", "c1", "--metric", "calls", "--page", "9223372036854775807"],
            ["events", "--db", db, "--customer", "c1", "--metric", "calls", "--page-size", "9223372036854775807"],
            ["demo", "--db", folder.appendingPathComponent("d.sqlite").path, "--customers", "9223372036854775807"],
            [
                "demo", "--db", folder.appendingPathComponent("d.sqlite").path, "--events-per-day",
                "9223372036854775807",
            ],
        ] {
            let result = try await Self.run(arguments)
            #expect(
                result.status != 0 && result.status < 128 && result.stderr.contains("must be"),
                "\(arguments): \(result.stderr)")
        }
        let hourly = try await Self.run([
            "timeseries", "--db", db, "--metric", "calls", "--bucket", "hour", "--from", "1970-01-01", "--to",
            "2199-12-31",
        ])
        #expect(hourly.status == 1 && hourly.stderr.contains("more than 100,000 hours, the most one series may have"))
    }

    @Test func csvCellsAreDefusedAndNumbersStayNumbers() async throws {
        let folder = try Self.folder()
        let (db, _) = try await Self.store(in: folder)
        let customers = folder.appendingPathComponent("customers.json")
        try
            #"[{"id": "c1", "name": "=HYPERLINK(\"http://evil\",\"x\")"}, {"id": "c2", "name": "@SUM(A1)\u001b[31m"}, {"id": "-c3", "name": "+1"}]"#
            .write(to: customers, atomically: true, encoding: .utf8)
        let events = folder.appendingPathComponent("more.jsonl")
        try
            #"{"transaction_id": "t9", "external_customer_id": "c2", "code": "calls", "timestamp": "2026-11-02T12:00:00Z"}"#
            .write(to: events, atomically: true, encoding: .utf8)
        #expect(try await Self.run(["ingest", "--db", db, "--customers", customers.path, events.path]).status == 0)
        let csv = try await Self.run(["customers", "--db", db, "--from", "2026-11-01", "--format", "csv"]).stdout
        #expect(
            csv == """
                id,name,calls,last_event_at
                '-c3,'+1,0,
                c1,"'=HYPERLINK(""http://evil"",""x"")",1,2026-11-02T10:00:00Z
                c2,'@SUM(A1)\\x1B[31m,1,2026-11-02T12:00:00Z

                """)
    }

    @Test func aVeryLongNameIsCutInATableAndKeptWholeInJSON() async throws {
        let folder = try Self.folder()
        let (db, _) = try await Self.store(in: folder)
        let name = String(repeating: "Ω", count: 200_000)
        let customers = folder.appendingPathComponent("long.json")
        try #"[{"id": "c1", "name": "\#(name)"}]"#.write(to: customers, atomically: true, encoding: .utf8)
        let none = folder.appendingPathComponent("none.jsonl")
        try "".write(to: none, atomically: true, encoding: .utf8)
        #expect(try await Self.run(["ingest", "--db", db, "--customers", customers.path, none.path]).status == 0)
        let table = try await Self.run(["customers", "--db", db, "--from", "2026-11-01", "--format", "table"])
        let row = table.stdout.split(separator: "\n").first { $0.hasPrefix("c1") }
        #expect(
            row?.contains(String(repeating: "Ω", count: 199) + "…") == true && (row?.count ?? 0) < 260,
            "cut at 200 columns")
        let json = try await Self.run(["customers", "--db", db, "--from", "2026-11-01", "--format", "json"])
        #expect(json.stdout.contains(name))
    }

    @Test func demoNeverDeletesRealEventsWithoutForce() async throws {
        let folder = try Self.folder()
        let (db, before) = try await Self.store(in: folder)
        let refused = try await Self.run(["demo", "--db", db, "--customers", "2", "--days", "1"])
        #expect(
            refused.status == 1
                && refused.stderr.contains(
                    "holds 1 ingested events for 1 customers, which demo would delete; run it again with --force")
        )
        #expect(try await Self.snapshot(db) == before)
        let forced = try await Self.run(["demo", "--db", db, "--customers", "2", "--days", "1", "--force"])
        let after = try await Self.snapshot(db)
        #expect(forced.status == 0 && after != before)
    }

    @Test func anotherProgramsDatabaseIsRefusedUntouched() async throws {
        let folder = try Self.folder()
        let notes = folder.appendingPathComponent("notes.sqlite")
        let (db, _) = try await Self.store(in: folder)
        try FileManager.default.copyItem(atPath: db, toPath: notes.path)
        let header = try FileHandle(forUpdating: notes)
        try header.seek(toOffset: 68)
        try header.write(contentsOf: Data([0, 0, 0, 7]))  // another program's application_id
        try header.close()
        let before = try Data(contentsOf: notes)
        for command in [["snapshot", "--customer", "c1"], ["ingest", "/dev/null"], ["demo"]] {
            let result = try await Self.run([command[0], "--db", notes.path] + command.dropFirst())
            #expect(
                result.status == 1
                    && result.stderr.contains(
                        "is not a usagetop store: it belongs to another program (application_id 0x00000007)")
            )
        }
        #expect(try Data(contentsOf: notes) == before, "not one byte changed")
    }

    @Test func aStoreThisUserCannotWriteIsStillRead() async throws {
        let folder = try Self.folder()
        let (db, before) = try await Self.store(in: folder)
        let arguments = [
            "snapshot", "--db", db, "--customer", "c1", "--from", "1970-01-01", "--to", "2200-01-01", "--format",
            "json",
        ]
        let result: Program.Output
        if getuid() == 0 {  // root can write anything: read as nobody instead
            result = try await Program.run(
                "/usr/bin/setpriv",
                ["--reuid=65534", "--regid=65534", "--clear-groups", "--", Tmux.binary] + arguments,
                extra: ["HOME": "/nonexistent"])
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
            result = try await Self.run(arguments)
        }
        #expect(result.status == 0 && result.stdout == before, "read-only: \(result.stderr)")
    }

    @Test func anOlderStoreThisUserCannotWriteIsOneLineUntilItsOwnerOpensIt() async throws {
        let folder = try Self.folder()
        let (db, before) = try await Self.store(in: folder)
        // As a store from before each day's distinct values were kept.
        let queue = try DatabaseQueue(path: db)
        try await queue.write { db in
            try db.execute(
                sql: "DROP TABLE distinct_day; DELETE FROM grdb_migrations WHERE identifier = 'v7-distinct-days'")
        }
        try queue.close()
        let arguments = [
            "snapshot", "--db", db, "--customer", "c1", "--from", "1970-01-01", "--to", "2200-01-01", "--format",
            "json",
        ]
        func readOnly() async throws -> Program.Output {
            if getuid() == 0 {  // root can write anything: read as nobody instead
                return try await Program.run(
                    "/usr/bin/setpriv",
                    ["--reuid=65534", "--regid=65534", "--clear-groups", "--", Tmux.binary] + arguments,
                    extra: ["HOME": "/nonexistent"])
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
            defer {
                try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
                try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: db)
            }
            return try await Self.run(arguments)
        }
        let refused = try await readOnly()
        #expect(refused.status == 1 && refused.stdout.isEmpty, "\(refused.stdout)")
        #expect(
            refused.stderr
                == "usagetop: cannot open store \(db): it was made by an older usagetop (missing v7-distinct-days) and this user may only read it: run usagetop on it once as a user who may write it (any command brings it up to date), then open it again\n"
        )
        let owner = try await Self.run(arguments)
        #expect(owner.status == 0 && owner.stdout == before, "the owner's run brings it up to date: \(owner.stderr)")
        let read = try await readOnly()
        #expect(read.status == 0 && read.stdout == before, "read-only once current: \(read.stderr)")
    }
}
