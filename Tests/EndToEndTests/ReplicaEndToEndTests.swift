import Foundation
import HTTPTestSupport
import PostgresTestSupport
import Testing

/// A team whose screens read a streaming replica while ingest and sync write the primary, through one profile (`db`
/// the primary, `read_db` the replica): reads come from the replica and follow the primary's writes, the header says
/// how far behind the replica is, and a dashboard outlives the replica restarting.
@Suite("Screens read a streaming replica", .serialized)
struct ReplicaEndToEndTests {
    static func run(_ arguments: [String], _ environment: [String: String]) async throws -> Program.Output {
        try await Program.run(Tmux.binary, arguments, extra: environment)
    }

    /// The customers the replica's customers table lists, read through the profile.
    static func customers(_ environment: [String: String]) async throws -> String {
        try await run(["customers", "--profile", "team", "--format", "csv", "--period=-7d"], environment).stdout
    }

    @Test(.enabled(if: TestPostgres.isInstalled && Tmux.isAvailable, "PostgreSQL or tmux is not installed"))
    func aDashboardOnAReplicaSaysHowFarBehindItIsAndOutlivesItsRestart() async throws {
        let primary = try await TestPostgres.dedicated()
        let folder = ProcessScratch.root.appendingPathComponent("replica-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("config/usagetop"), withIntermediateDirectories: true)
        let metrics = folder.appendingPathComponent("metrics.json")
        try #"[{"code": "calls", "name": "Calls", "aggregation": "count"}]"#.write(
            to: metrics, atomically: true, encoding: .utf8)
        func events(_ customer: String) throws -> String {
            let file = folder.appendingPathComponent("\(customer).jsonl")
            let now = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-600))
            try
                #"{"transaction_id": "t_\#(customer)", "external_customer_id": "\#(customer)", "code": "calls", "timestamp": "\#(now)"}"#
                .write(to: file, atomically: true, encoding: .utf8)
            return file.path
        }
        let passwords = ["PGPASSWORD": primary.password, "TEAM_DB_PASSWORD": primary.password]
        let first = try await Self.run(
            ["ingest", "--db", primary.url, "--metrics", metrics.path, try events("alpha")], passwords)
        #expect(first.status == 0, "\(first.stderr)")

        let replica = try await TestPostgres.replica(of: primary)
        try """
        [profiles.team]
        db = "\(primary.url)"
        read_db = "\(replica.url)"
        password_env = "TEAM_DB_PASSWORD"
        """.write(to: folder.appendingPathComponent("config/usagetop/config.toml"), atomically: true, encoding: .utf8)
        let environment = passwords.merging(["XDG_CONFIG_HOME": folder.path + "/config"]) { a, _ in a }
        #expect(try await Self.customers(environment).contains("alpha"), "the replica holds the primary's copy")

        // Writes through the profile go to the primary; the replica's reads follow them.
        let refused = try await Self.run(
            ["ingest", "--db", replica.url, "--metrics", metrics.path, try events("nobody")], environment)
        #expect(refused.status != 0 && refused.stderr.split(separator: "\n").count <= 2, "\(refused.stderr)")
        let second = try await Self.run(["ingest", "--profile", "team", try events("beta")], environment)
        #expect(second.status == 0, "\(second.stderr)")
        var seen = ""
        for _ in 0..<100 where !seen.contains("beta") {
            seen = try await Self.customers(environment)
        }
        #expect(seen.contains("beta"), "the replica replays the primary's ingest: \(seen)")

        let dashboard = try await Tmux(
            width: 80, height: 24, arguments: "--profile team --refresh 1",
            environment: "XDG_CONFIG_HOME=\(folder.path)/config TEAM_DB_PASSWORD=\(primary.password)")
        let open = await dashboard.waitFor { $0.contains("replica, up to date") && $0.contains("beta") }
        #expect(open.ok, "the header says the replica is up to date:\n\(open.screen)")
        // The replica stops replaying what it receives: the header says it is behind (first, so 80 columns keep it),
        // and the new customer waits.
        _ = try await TestPostgres.execute(["SELECT pg_wal_replay_pause()::text"], on: replica)
        let third = try await Self.run(["ingest", "--profile", "team", try events("gamma")], environment)
        #expect(third.status == 0, "\(third.stderr)")
        let behind = await dashboard.waitFor {
            $0.range(of: #"replica, [0-9]+[smh] behind"#, options: .regularExpression) != nil
        }
        #expect(behind.ok && !behind.screen.contains("gamma"), "the header says how far behind:\n\(behind.screen)")
        _ = try await TestPostgres.execute(["SELECT pg_wal_replay_resume()::text"], on: replica)
        let caught = await dashboard.waitFor { $0.contains("replica, up to date") && $0.contains("gamma") }
        #expect(caught.ok, "replaying again, it catches up:\n\(caught.screen)")
        try await replica.stop()
        let gone = await dashboard.waitFor(40) {
            !$0.contains("replica, up to date") && $0.contains("gamma") && $0.contains("error: postgres")
        }
        #expect(gone.ok, "with the replica gone, a line says so and the numbers stay:\n\(gone.screen)")
        try await replica.restart()
        let back = await dashboard.waitFor(60) { $0.contains("replica, up to date") }
        #expect(back.ok, "the replica back, the header says so again:\n\(back.screen)")
        try await dashboard.send("q")
    }
}
