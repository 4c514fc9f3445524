import Foundation
import HTTPTestSupport
import Testing

/// One export model: in the real binary, `:export csv` on each view writes the same columns and rows as the headless
/// command that answers the same question for the same period (`customers`, `snapshot`, `breakdown`, `events`,
/// `timeseries`).
@Suite(
    "End to end: a view's export equals its headless command", .serialized,
    .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct ExportPathsEndToEndTests {
    static let period = ["--from", "2026-11-01", "--to", "2026-12-01"]

    /// Alpha (c1) with more calls than Beta (c2), so Alpha is the first row on screen; calls carry a region.
    static func store(in folder: URL) async throws -> String {
        let metrics = #"""
            [{"code": "calls", "name": "Calls", "aggregation": "count", "field": null, "unit": "calls"},
             {"code": "gb", "name": "GB", "aggregation": "sum", "field": "gb", "unit": "GB"}]
            """#
        func event(_ id: Int, _ customer: String, _ code: String, _ ts: String, _ properties: String) -> String {
            #"{"transaction_id": "tx\#(id)", "external_customer_id": "\#(customer)", "code": "\#(code)", "timestamp": "\#(ts)", "properties": \#(properties)}"#
        }
        let events = [
            event(1, "c1", "calls", "2026-11-02T10:00:00Z", #"{"region": "eu"}"#),
            event(2, "c1", "calls", "2026-11-02T11:30:00Z", #"{"region": "us"}"#),
            event(3, "c1", "calls", "2026-11-09T08:00:00Z", #"{"region": "eu"}"#),
            event(4, "c1", "calls", "2026-11-20T23:59:59.5Z", #"{}"#),
            event(5, "c2", "calls", "2026-11-03T00:00:00Z", #"{"region": "us"}"#),
            event(6, "c1", "gb", "2026-11-04T00:00:00Z", #"{"gb": 0.125}"#),
            event(7, "c2", "gb", "2026-11-05T00:00:00Z", #"{"gb": "1.5"}"#),
        ]
        try metrics.write(to: folder.appendingPathComponent("metrics.json"), atomically: true, encoding: .utf8)
        try #"[{"id": "c1", "name": "Alpha Labs"}, {"id": "c2", "name": "Beta, \"Works\""}]"#
            .write(to: folder.appendingPathComponent("customers.json"), atomically: true, encoding: .utf8)
        try events.joined(separator: "\n").write(
            to: folder.appendingPathComponent("events.jsonl"), atomically: true, encoding: .utf8)
        let db = folder.appendingPathComponent("export.sqlite").path
        let ingest = try await Program.run(
            Tmux.binary,
            [
                "ingest", "--db", db, "--metrics", folder.appendingPathComponent("metrics.json").path,
                "--customers", folder.appendingPathComponent("customers.json").path,
                folder.appendingPathComponent("events.jsonl").path,
            ])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return db
    }

    /// Writes the view with `:export csv` and returns the file's text.
    static func export(_ tmux: Tmux, to path: String) async throws -> String {
        try await tmux.type(":export csv \(path)")
        try await tmux.send("Enter")
        let written = await tmux.waitFor { _ in FileManager.default.fileExists(atPath: path) }
        #expect(written.ok, "nothing written to \(path):\n\(written.screen)")
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// The headless command's CSV.
    static func headless(_ arguments: [String], db: String) async throws -> String {
        let run = try await Program.run(Tmux.binary, arguments + ["--db", db, "--format", "csv"] + period)
        #expect(run.status == 0, "\(arguments): \(run.stderr)")
        return run.stdout
    }

    @Test func everyViewExportsWhatItsCommandPrints() async throws {
        let folder = ProcessScratch.root.appendingPathComponent("export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let db = try await Self.store(in: folder)
        let tmux = try await Tmux(width: 160, height: 40, arguments: "--db \(db) " + Self.period.joined(separator: " "))
        #expect(await tmux.waitFor { $0.contains("Alpha Labs") && $0.contains("Beta") }.ok)
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

        let customers = try await Self.export(tmux, to: path("customers.csv"))
        let printed = try await Self.headless(["customers", "--metric", "calls"], db: db)
        #expect(customers.hasPrefix("id,name,calls,last_event_at\n"), "\(customers)")
        #expect(
            customers.split(separator: "\n").sorted() == printed.split(separator: "\n").sorted(),
            "the same rows (the view's in screen order):\n\(customers)\n\(printed)")

        try await tmux.send("Enter")
        #expect(await tmux.waitFor { $0.contains("Aggregation") && $0.contains("125 MB") }.ok)
        let usage = try await Self.export(tmux, to: path("usage.csv"))
        #expect(usage == (try await Self.headless(["snapshot", "--customer", "c1"], db: db)))
        #expect(usage.hasPrefix("metric,name,total,unit,events\ncalls,Calls,4,calls,4\n"), "\(usage)")

        try await tmux.send("B")
        #expect(await tmux.waitFor { $0.contains("Calls by region") && $0.contains("(without region)") }.ok)
        let breakdown = try await Self.export(tmux, to: path("breakdown.csv"))
        #expect(
            breakdown
                == (try await Self.headless(
                    ["breakdown", "--customer", "c1", "--metric", "calls", "--by", "region"], db: db)))
        #expect(breakdown.hasPrefix("region,events,calls\neu,2,2\n"), "\(breakdown)")

        try await tmux.send("Escape")
        #expect(await tmux.waitFor { $0.contains("Aggregation") }.ok)
        try await tmux.send("e")
        #expect(await tmux.waitFor { $0.contains("Calls events") && $0.contains("tx4") && $0.contains("tx1") }.ok)
        let events = try await Self.export(tmux, to: path("events.csv"))
        #expect(events == (try await Self.headless(["events", "--customer", "c1", "--metric", "calls"], db: db)))
        #expect(events.hasPrefix("transaction_id,timestamp,external_customer_id,code,properties\ntx4,"), "\(events)")

        try await tmux.send("Escape")
        #expect(await tmux.waitFor { $0.contains("Aggregation") }.ok)
        try await tmux.send("Escape")
        #expect(await tmux.waitFor { !$0.contains("Aggregation") && $0.contains("Beta") }.ok)
        try await tmux.send("t")
        #expect(await tmux.waitFor { $0.contains("All customers · Calls") && $0.contains("total 5 calls") }.ok)
        let series = try await Self.export(tmux, to: path("series.csv"))
        #expect(series == (try await Self.headless(["timeseries", "--metric", "calls", "--bucket", "day"], db: db)))
        #expect(series.contains("\n2026-11-02T00:00:00Z,2026-11-03T00:00:00Z,2\n"), "\(series)")
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }
}
