import Foundation
import HTTPTestSupport
import Testing

/// In the real binary under tmux: `:profile` switches to another account's data without restarting (k9s's
/// `:ctx`), `:export` writes the view to a file and says where, and the period picker takes a typed month.
@Suite(
    "End to end: profiles, export and the period picker", .serialized,
    .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct ProfileEndToEndTests {
    /// A store with one customer named `name`, with calls this month.
    static func store(in folder: URL, named name: String) async throws -> String {
        let now = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-60))
        let events = folder.appendingPathComponent("\(name).jsonl"),
            customers = folder.appendingPathComponent("\(name).json")
        try #"{"transaction_id": "t-\#(name)", "external_customer_id": "c1", "code": "calls", "timestamp": "\#(now)"}"#
            .write(to: events, atomically: true, encoding: .utf8)
        try #"[{"id": "c1", "name": "\#(name)"}]"#.write(to: customers, atomically: true, encoding: .utf8)
        let metrics = folder.appendingPathComponent("metrics.json")
        try #"[{"code": "calls", "name": "Calls", "aggregation": "count", "unit": "calls"}]"#
            .write(to: metrics, atomically: true, encoding: .utf8)
        let db = folder.appendingPathComponent("\(name).sqlite").path
        let ingest = try await Program.run(
            Tmux.binary,
            [
                "ingest", "--db", db, "--metrics", metrics.path, "--customers", customers.path, events.path,
            ])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return db
    }

    @Test func profileSwitchExportAndATypedMonth() async throws {
        let folder = ProcessScratch.root.appendingPathComponent("profiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("config/usagetop"), withIntermediateDirectories: true)
        let alpha = try await Self.store(in: folder, named: "Alpha Labs"),
            beta = try await Self.store(in: folder, named: "Beta Works")
        try """
        [profiles.alpha]
        db = "\(alpha)"

        [profiles.beta]
        db = "\(beta)"
        """.write(to: folder.appendingPathComponent("config/usagetop/config.toml"), atomically: true, encoding: .utf8)
        let tmux = try await Tmux(
            width: 120, height: 30, arguments: "--profile alpha",
            environment: "XDG_CONFIG_HOME=\(folder.path)/config")
        #expect(await tmux.waitFor { $0.contains("Alpha Labs") }.ok)
        try await tmux.type(":profile b")
        try await tmux.send("Tab", "Enter")
        let switched = await tmux.waitFor { $0.contains("Beta Works") && $0.contains("profile: beta") }
        #expect(switched.ok && !switched.screen.contains("Alpha Labs"), "\(switched.screen)")
        let out = folder.appendingPathComponent("beta.csv").path
        try await tmux.type(":export csv \(out)")
        try await tmux.send("Enter")
        #expect(await tmux.waitFor { $0.contains("wrote 1 customers to") }.ok)
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.hasPrefix("id,name,calls,") && written.contains("c1,Beta Works,1,"))
        try await tmux.send("p")
        try await tmux.type("2026-10")
        try await tmux.send("Enter")
        let october = await tmux.waitFor { $0.contains("2026-10-01 → 2026-10-31") }
        #expect(october.ok, "\(october.screen)")
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }
}
