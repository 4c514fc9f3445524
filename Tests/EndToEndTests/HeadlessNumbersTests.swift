import Foundation
import HTTPTestSupport
import Testing

/// The real binary: ingest hand-made events, then check the JSON numbers against values worked out by hand
/// (half-open boundaries, exact decimals, max, unique counts, a repeated transaction id).
@Suite("Headless JSON equals a hand computation")
struct HeadlessNumbersTests {
    static func store() async throws -> (db: String, ingest: Program.Output) {
        let folder = ProcessScratch.root.appendingPathComponent("numbers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let metrics = #"""
            [{"code": "calls", "name": "Calls", "aggregation": "count", "field": null, "unit": "calls"},
             {"code": "gb", "name": "GB", "aggregation": "sum", "field": "gb", "unit": "GB"},
             {"code": "peak", "name": "Peak", "aggregation": "max", "field": "v", "unit": null},
             {"code": "users", "name": "Users", "aggregation": "unique_count", "field": "user", "unit": "users"}]
            """#
        func event(_ id: Int, _ code: String, _ ts: String, _ properties: String = "{}") -> String {
            #"{"transaction_id": "tx\#(id)", "external_customer_id": "c1", "code": "\#(code)", "timestamp": "\#(ts)", "properties": \#(properties)}"#
        }
        let events = [
            event(1, "calls", "2026-10-31T23:59:59.999Z"), event(2, "calls", "2026-11-01T00:00:00Z"),
            event(3, "calls", "2026-11-30T23:59:59.999Z"), event(4, "calls", "2026-12-01T00:00:00Z"),
            event(5, "gb", "2026-11-05T10:00:00Z", #"{"gb": 0.1}"#),
            event(6, "gb", "2026-11-05T11:00:00Z", #"{"gb": "0.2"}"#),
            event(7, "gb", "2026-11-06T00:00:00Z", #"{"gb": 1.005}"#),
            event(8, "peak", "2026-11-07T08:00:00Z", #"{"v": 3.5}"#),
            event(9, "peak", "1794211200", #"{"v": 10.25}"#),
            event(10, "users", "2026-11-02T01:00:00Z", #"{"user": "u1"}"#),
            event(11, "users", "2026-11-03T01:00:00Z", #"{"user": "u1"}"#),
            event(12, "users", "2026-11-04T01:00:00Z", #"{"user": "u2"}"#),
            event(5, "gb", "2026-11-05T12:00:00Z", #"{"gb": 99}"#),
        ]
        try metrics.write(to: folder.appendingPathComponent("metrics.json"), atomically: true, encoding: .utf8)
        try events.joined(separator: "\n").write(
            to: folder.appendingPathComponent("events.jsonl"), atomically: true, encoding: .utf8)
        let db = folder.appendingPathComponent("numbers.sqlite").path
        let ingest = try await Program.run(
            Tmux.binary,
            [
                "ingest", "--db", db, "--metrics", folder.appendingPathComponent("metrics.json").path,
                folder.appendingPathComponent("events.jsonl").path,
            ])
        return (db, ingest)
    }

    @Test func snapshotAndTimeseriesJSON() async throws {
        let (db, ingest) = try await Self.store()
        #expect(ingest.status == 0)
        #expect(ingest.stdout == "ingested 12 events\n")
        #expect(ingest.stderr == "1 duplicate transaction_id ignored (tx5)\n")
        let snapshot = try await Program.run(
            Tmux.binary,
            [
                "snapshot", "--db", db, "--customer", "c1", "--from", "2026-11-01", "--to", "2026-12-01", "--format",
                "json",
            ])
        #expect(
            snapshot.stdout == #"""
                {"provider": "local", "customer": {"id": "c1", "name": "c1"}, "period": {"start": "2026-11-01T00:00:00Z", "end": "2026-12-01T00:00:00Z"}, "requested_period": {"start": "2026-11-01T00:00:00Z", "end": "2026-12-01T00:00:00Z"}, "metrics": [{"id": "calls", "name": "Calls", "charge": null, "aggregation": "count", "unit": "calls", "total": 2, "count": 2, "billed_by": null, "subscription": null, "amount_cents": null, "amount": null, "currency": null, "period": {"start": "2026-11-01T00:00:00Z", "end": "2026-12-01T00:00:00Z"}}, {"id": "gb", "name": "GB", "charge": null, "aggregation": "sum", "unit": "GB", "total": 1.305, "count": 3, "billed_by": null, "subscription": null, "amount_cents": null, "amount": null, "currency": null, "period": {"start": "2026-11-01T00:00:00Z", "end": "2026-12-01T00:00:00Z"}}, {"id": "peak", "name": "Peak", "charge": null, "aggregation": "max", "unit": null, "total": 10.25, "count": 2, "billed_by": null, "subscription": null, "amount_cents": null, "amount": null, "currency": null, "period": {"start": "2026-11-01T00:00:00Z", "end": "2026-12-01T00:00:00Z"}}, {"id": "users", "name": "Users", "charge": null, "aggregation": "unique_count", "unit": "users", "total": 2, "count": 3, "billed_by": null, "subscription": null, "amount_cents": null, "amount": null, "currency": null, "period": {"start": "2026-11-01T00:00:00Z", "end": "2026-12-01T00:00:00Z"}}], "billed": [], "bills": []}

                """#)
        let series = try await Program.run(
            Tmux.binary,
            [
                "timeseries", "--db", db, "--metric", "gb", "--customer", "c1", "--bucket", "day",
                "--from", "2026-11-05T10:30:00Z", "--to", "2026-11-06T00:00:00.001Z", "--format", "json",
            ])
        #expect(
            series.stdout == #"""
                {"metric": "gb", "filter": null, "bucket": "day", "points": [{"start": "2026-11-05T00:00:00Z", "value": 0.2}, {"start": "2026-11-06T00:00:00Z", "value": 1.005}], "total": 1.205}

                """#)
        let unique = try await Program.run(
            Tmux.binary,
            [
                "timeseries", "--db", db, "--metric", "users", "--bucket", "month", "--from", "2026-11-01", "--format",
                "csv",
            ])
        #expect(unique.stdout == "start,end,value\n2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,2\n")
    }

    @Test func invalidLinesAreReportedAndNothingIsWritten() async throws {
        let (db, _) = try await Self.store()
        let bad = ProcessScratch.root.appendingPathComponent("bad-\(UUID().uuidString).jsonl")
        try """
        {"transaction_id": "n1", "external_customer_id": "c1", "code": "calls", "timestamp": "2026-11-02T00:00:00Z"}
        {"transaction_id": "n2", "external_customer_id": "c1", "code": "calls"}
        """.write(to: bad, atomically: true, encoding: .utf8)
        let result = try await Program.run(Tmux.binary, ["ingest", "--db", db, bad.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains(#"line 2: missing "timestamp""#))
        #expect(result.stderr.contains("nothing written: 1 invalid lines"))
        let after = try await Program.run(
            Tmux.binary, ["snapshot", "--db", db, "--customer", "c1", "--from", "2026-11-01", "--format", "csv"])
        #expect(after.stdout.contains("calls,Calls,2,calls,2"), "the valid line was not written either")
    }

    @Test func aPagePastTheLastIsAnErrorAndTheVersionPrints() async throws {
        let (db, _) = try await Self.store()
        let past = try await Program.run(
            Tmux.binary,
            [
                "events", "--db", db, "--customer", "c1", "--metric", "calls", "--from", "2026-11-01", "--page", "9",
            ])
        #expect(past.status == 1 && past.stdout.isEmpty)
        #expect(past.stderr == "usagetop: --page 9 is past the last page (1 of 2 events)\n")
        let version = try await Program.run(Tmux.binary, ["--version"])
        #expect(version.status == 0 && version.stdout == "0.9.0\n")
    }

    @Test func aTypedPeriodAnswersTheSameAsFromAndTo() async throws {
        let (db, _) = try await Self.store()
        func csv(_ period: [String]) async throws -> String {
            try await Program.run(
                Tmux.binary, ["snapshot", "--db", db, "--customer", "c1", "--format", "csv"] + period
            ).stdout
        }
        let typed = try await csv(["--period", "2026-11-05..2026-11-06"])
        #expect(
            typed == (try await csv(["--from", "2026-11-05", "--to", "2026-11-07"])), "a date-only end is included")
        #expect(typed.contains("gb,GB,1.305,GB,3"))
        #expect(
            try await csv(["--period", "2026-11"]) == (try await csv(["--from", "2026-11-01", "--to", "2026-12-01"])))
        let dashed = try await Program.run(
            Tmux.binary, ["customers", "--db", db, "--period", "-7d", "--format", "csv"])
        #expect(
            dashed.status == 0, "a trailing period that starts with a dash is a value, not an option: \(dashed.stderr)")
        let refused = try await Program.run(
            Tmux.binary, ["customers", "--db", db, "--period", "2026-11-08..2026-11-01"])
        #expect(refused.status != 0 && refused.stderr.contains("is not a period (the end is not after the start)"))
    }

    /// `week_start = "sunday"` in config.toml: this week starts on the Sunday before today (or today), last week a
    /// week before it; without it, on Monday.
    @Test func weeksStartOnTheDayConfigTomlNames() async throws {
        let (db, _) = try await Self.store()
        let home = ProcessScratch.root.appendingPathComponent("week-\(UUID().uuidString)")
        let folder = home.appendingPathComponent("usagetop")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func week(_ name: String) async throws -> (start: String, end: String) {
            let run = try await Program.run(
                Tmux.binary, ["customers", "--db", db, "--period", name, "--format", "json"],
                extra: ["XDG_CONFIG_HOME": home.path])
            #expect(run.status == 0, "\(run.stderr)")
            let document = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            let period = try #require(document?["requested_period"] as? [String: String], "\(run.stdout)")
            return (period["start"] ?? "", period["end"] ?? "")
        }
        let utc = TimeZone(identifier: "UTC")!
        func weekday(_ text: String) throws -> Int {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = utc
            return calendar.component(.weekday, from: try #require(ISO8601DateFormatter().date(from: text)))
        }
        let monday = try await week("this-week")
        let firstDay = try weekday(monday.start)
        #expect(firstDay == 2, "Monday by default: \(monday)")
        try "week_start = \"sunday\"\n".write(
            to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let sunday = try await week("this-week"), before = try await week("last-week")
        let (sundayStart, beforeStart) = (try weekday(sunday.start), try weekday(before.start))
        #expect(sundayStart == 1 && sunday.start != monday.start, "\(sunday)")
        #expect(before.end == sunday.start && beforeStart == 1, "\(before)")
    }

    /// Progress rewritten in place on a terminal is one plain line in a log: no carriage returns piling up steps.
    @Test func demoProgressToAFileIsOneLine() async throws {
        let db = ProcessScratch.root.appendingPathComponent("progress-\(UUID().uuidString).sqlite").path
        let made = try await Program.run(Tmux.binary, ["demo", "--db", db, "--customers", "30", "--days", "20"])
        #expect(made.status == 0)
        #expect(made.stderr == "generating 100%\n", "\(made.stderr.debugDescription)")
    }

    @Test func infoSaysWhereConfigurationStoreAndLogAre() async throws {
        let home = ProcessScratch.root.appendingPathComponent("info-\(UUID().uuidString)").path
        let info = try await Program.run(
            Tmux.binary, ["info"], extra: ["XDG_CONFIG_HOME": home + "/c", "XDG_DATA_HOME": home + "/d"])
        #expect(info.status == 0)
        #expect(info.stdout.contains("config   \(home)/c/usagetop/config.toml (none yet)"))
        #expect(info.stdout.contains("store    \(home)/d/usagetop/usage.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: home), "info creates nothing")
    }

    @Test func tablesGroupThousandsAndLineUpDecimalsWhileCSVStaysExact() async throws {
        let (db, _) = try await Self.store()
        let big = ProcessScratch.root.appendingPathComponent("big-\(UUID().uuidString).jsonl")
        try
            #"{"transaction_id": "big1", "external_customer_id": "c1", "code": "gb", "timestamp": "2026-11-10T00:00:00Z", "properties": {"gb": "1234567.25"}}"#
            .write(to: big, atomically: true, encoding: .utf8)
        #expect(try await Program.run(Tmux.binary, ["ingest", "--db", db, big.path]).status == 0)
        let table = try await Program.run(
            Tmux.binary, ["snapshot", "--db", db, "--customer", "c1", "--from", "2026-11-01"])
        let lines = table.stdout.split(separator: "\n").map(String.init)
        let gb = try #require(lines.first { $0.hasPrefix("gb ") }),
            calls = try #require(lines.first { $0.hasPrefix("calls ") })
        #expect(gb.contains("1,234,568.555"), "thousands grouped, every digit kept: \(gb)")
        let dot = try #require(gb.firstIndex(of: ".")).utf16Offset(in: gb)
        let two = try #require(calls.range(of: " 2 ")).lowerBound.utf16Offset(in: calls) + 1
        #expect(two == dot - 1, "2 lines up with the units digit of 1,234,568.555: \(lines)")
        let csv = try await Program.run(
            Tmux.binary, ["snapshot", "--db", db, "--customer", "c1", "--from", "2026-11-01", "--format", "csv"])
        #expect(csv.stdout.contains("gb,GB,1234568.555,GB,4"), "CSV keeps the plain exact value")
    }
}
