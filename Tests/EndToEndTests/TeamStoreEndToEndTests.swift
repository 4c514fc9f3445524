import Foundation
import HTTPTestSupport
import PostgresTestSupport
import Synchronization
import Testing

/// A team on one PostgreSQL store, as the README sets it up: one `usagetop sync` copies the provider's account, and
/// two dashboards and a monitor, opened through a profile whose `db` names the store and whose `password_env` holds
/// its password, show the provider's numbers without making a single call to it.
@Suite("A team shares one PostgreSQL store")
struct TeamStoreEndToEndTests {
    @Test(.enabled(if: TestPostgres.isInstalled && Tmux.isAvailable, "PostgreSQL or tmux is not installed"))
    func oneSyncTwoDashboardsAndAMonitorAndNoProviderCall() async throws {
        let calls = CallCounter()
        let served = Mutex(0)
        let server = try TestHTTPServer { request in
            calls.add()
            return SyncEndToEndTests.answer(request, served: served, failAfter: nil)
        }
        let (url, password) = try await TestPostgres.shared.freshDatabase()
        let synced = try await SyncEndToEndTests.sync(server, db: url, environment: ["PGPASSWORD": password])
        #expect(synced.status == 0 && synced.stdout.contains("(520 new)"), "\(synced.stdout)\(synced.stderr)")
        let afterSync = calls.value
        #expect(afterSync > 0)

        let folder = ProcessScratch.root.appendingPathComponent("team-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("config/usagetop"), withIntermediateDirectories: true)
        try """
        [profiles.team]
        db = "\(url)"
        password_env = "TEAM_DB_PASSWORD"
        """.write(to: folder.appendingPathComponent("config/usagetop/config.toml"), atomically: true, encoding: .utf8)
        let environment = "XDG_CONFIG_HOME=\(folder.path)/config TEAM_DB_PASSWORD=\(password)"
        let first = try await Tmux(width: 120, height: 30, arguments: "--profile team", environment: environment)
        let second = try await Tmux(width: 100, height: 24, arguments: "--profile team", environment: environment)
        let monitor = try await Tmux(
            width: 120, height: 30, arguments: "monitor --profile team --refresh 1", environment: environment)
        for dashboard in [first, second] {
            let table = await dashboard.waitFor {
                $0.contains("cus_1") && $0.contains("cus_4") && $0.contains("postgres t_")
            }
            #expect(table.ok, "the dashboard lists the synced customers from the store:\n\(table.screen)")
            #expect(!table.screen.contains(password))
        }
        try await first.send("Enter")
        #expect(await first.waitFor { $0.contains("agg_gb") || $0.contains("GB") }.ok, "a customer's usage opens")
        let watching = await monitor.waitFor { $0.contains("live") }
        #expect(watching.ok, "the monitor reads the store:\n\(watching.screen)")
        #expect(calls.value == afterSync, "no screen called the provider")
        for program in [first, second, monitor] { try await program.send("q") }
    }
}
