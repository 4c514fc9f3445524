import Foundation
import HTTPTestSupport
import Testing

/// Shell completion of names, as the generated scripts ask the binary for them (`usagetop ---completion ...`):
/// customers and metrics from the store on the line, profiles from config.toml, and a store that does not exist is
/// neither read nor created.
@Suite("End to end: shell completion of profile, customer and metric names")
struct CompletionEndToEndTests {
    @Test func namesCompleteFromTheStoreAndTheConfig() async throws {
        let db = try await Program.demoStore("completion", customers: 40, days: 3)
        func complete(_ command: String, _ option: String, _ typed: String, db: String) async throws -> [String] {
            let words = ["usagetop", command, "--db", db, option, typed]
            let run = try await Program.run(
                Tmux.binary,
                ["---completion", command, "--", option, "\(words.count - 1)", "\(typed.count)"] + words)
            #expect(run.status == 0, "\(run.stderr)")
            return run.stdout.split(separator: "\n").map(String.init)
        }
        let names = try await complete("snapshot", "--customer", "Fab", db: db)
        #expect(names == ["Fabrikam Labs"], "\(names)")
        // A name that would clear the terminal when a shell printed it is never offered.
        let folder = URL(fileURLWithPath: db).deletingLastPathComponent()
        let files = ["customers.json", "metrics.json", "e.jsonl"].map { folder.appendingPathComponent($0) }
        try #"[{"id": "c1", "name": "Fab\u001b[2J evil"}, {"id": "c2", "name": "Fab fine"}]"#.write(
            to: files[0], atomically: true, encoding: .utf8)
        try #"[{"code": "calls", "name": "Calls", "aggregation": "count"}]"#.write(
            to: files[1], atomically: true, encoding: .utf8)
        try
            #"{"transaction_id": "x1", "external_customer_id": "c1", "code": "calls", "timestamp": "2026-12-01T00:00:00Z"}"#
            .write(to: files[2], atomically: true, encoding: .utf8)
        let hostile = folder.appendingPathComponent("hostile.sqlite").path
        let ingest = try await Program.run(
            Tmux.binary,
            ["ingest", "--db", hostile, "--customers", files[0].path, "--metrics", files[1].path, files[2].path])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(try await complete("snapshot", "--customer", "Fab", db: hostile) == ["Fab fine"])
        #expect(try await complete("snapshot", "--customer", "cus_0000", db: db).count == 9)
        #expect(try await complete("timeseries", "--metric", "st", db: db) == ["storage_gb"])
        let missing = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("none.sqlite").path
        #expect(try await complete("events", "--metric", "", db: missing).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: missing), "completion never creates a store")
        let home = Program.freshHome()
        try FileManager.default.createDirectory(
            atPath: home + "/config/usagetop", withIntermediateDirectories: true)
        try "[profiles.eu]\nprovider = \"local\"\n[profiles.us]\nprovider = \"local\"\n".write(
            toFile: home + "/config/usagetop/config.toml", atomically: true, encoding: .utf8)
        let profiles = try await Program.run(
            Tmux.binary,
            ["---completion", "customers", "--", "--profile", "3", "0", "usagetop", "customers", "--profile", ""],
            extra: ["XDG_CONFIG_HOME": home + "/config"])
        #expect(profiles.stdout.split(separator: "\n") == ["eu", "us"], "\(profiles.stdout) \(profiles.stderr)")
    }
}
