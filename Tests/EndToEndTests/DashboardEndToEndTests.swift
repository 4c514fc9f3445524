import Foundation
import Testing

/// The real binary under tmux, read back with capture-pane, as a new user would use it.
@Suite("End to end in tmux", .serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct DashboardEndToEndTests {
    @Test func firstRunOpensDemoDataWalksTheViewsAndQuitsCleanly() throws {
        let tmux = try Tmux(width: 80, height: 24)
        let start = tmux.waitFor(60) { $0.contains("of 240") && $0.contains("DEMO DATA") }
        #expect(start.ok, "the dashboard opens on demo data:\n\(start.screen)")
        #expect(start.screen.contains("Customers · API calls"))
        try tmux.send("Enter")
        let usage = tmux.waitFor { $0.contains("Customers › ") && $0.contains("Peak storage") }
        #expect(usage.ok, "Enter opens the customer:\n\(usage.screen)")
        try tmux.send("Enter")
        #expect(tmux.waitFor { $0.contains("buckets") && $0.contains("total ") }.ok, "Enter opens the chart")
        try tmux.send("Escape")
        try tmux.send("e")
        let events = tmux.waitFor { $0.contains("page 1 of") && $0.contains("events ┘") }
        #expect(events.ok, "e opens the events:\n\(events.screen)")
        try tmux.send("Enter")
        #expect(tmux.waitFor { $0.contains("\"transaction_id\":") }.ok, "Enter shows the event's properties")
        try tmux.send("Escape")
        try tmux.send("?")
        #expect(tmux.waitFor { $0.contains("Keys · Events") && $0.contains("next page") }.ok, "? shows help")
        try tmux.send("Escape")
        try tmux.send("q")
        let after = tmux.waitFor { $0.contains("EXITED 0") }
        #expect(after.ok, "q exits with status 0:\n\(after.screen)")
        #expect(!after.screen.contains("DEMO DATA"), "the terminal is restored: no dashboard left on screen")
    }

    @Test func filterAndResizeRedrawCorrectly() throws {
        let tmux = try Tmux(width: 200, height: 60)
        #expect(tmux.waitFor(60) { $0.contains("of 240") }.ok)
        try tmux.send("/")
        try tmux.type("acme")
        let filtered = tmux.waitFor { $0.contains("filter: acme") && $0.contains("Acme Labs") }
        #expect(filtered.ok, "typing filters:\n\(filtered.screen)")
        #expect(!filtered.screen.contains("Globex Labs"))
        try tmux.resize(width: 50, height: 10)
        let small = tmux.waitFor { $0.contains("need 60×15") }
        #expect(small.ok, "below the minimum the too-small screen shows:\n\(small.screen)")
        try tmux.resize(width: 80, height: 24)
        let back = tmux.waitFor { $0.contains("filter: acme") && $0.contains("Acme Labs") && !$0.contains("need 60") }
        #expect(back.ok, "growing again redraws the table:\n\(back.screen)")
        let lines = back.screen.split(separator: "\n")
        #expect(lines.first { $0.hasPrefix("┌") }?.count == 80, "the frame spans the new width")
        try tmux.send("Escape")
        try tmux.send("q")
        #expect(tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }

    @Test func headlessCommandsNeedNoTerminalAndFailClearly() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("usagetop-cli-\(UUID().uuidString)")
        let db = home.appendingPathComponent("s.sqlite").path
        let ok = try Self.run(["snapshot", "--db", db, "--customer", "cus_00001", "--format", "json"])
        #expect(ok.status == 0)
        #expect(ok.stdout.hasPrefix(#"{"provider": "local", "customer": {"id": "cus_00001", "name": "Acme Labs"}"#))
        let missing = try Self.run(["snapshot", "--db", db, "--customer", "nobody"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "usagetop: no customer with id 'nobody'\n")
        let badDate = try Self.run(["timeseries", "--db", db, "--metric", "api_calls", "--from", "yesterday"])
        #expect(badDate.status != 0 && badDate.stderr.contains("--from 'yesterday' is not an ISO-8601"))
        let dashboard = try Self.run(["--db", db])
        #expect(dashboard.status == 1 && dashboard.stderr.contains("the dashboard needs a terminal"))
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let output = try Subprocess.run(Tmux.binary, arguments)
        return (output.status, output.stdout, output.stderr)
    }
}
