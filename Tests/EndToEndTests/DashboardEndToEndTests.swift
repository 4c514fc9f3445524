import Foundation
import HTTPTestSupport
import Testing

/// The real binary under tmux, read back with capture-pane, as a new user would use it.
@Suite("End to end in tmux", .serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct DashboardEndToEndTests {
    /// Two first starts on one new store at once (two panes opened together): the second waits for the demo data
    /// the first is building and shows it, instead of failing on a locked store or building it again.
    @Test func twoFirstStartsOnOneNewStoreBothOpenItsDemoData() async throws {
        let first = try await Tmux(width: 80, height: 24)
        let shared = "XDG_DATA_HOME=\(first.home.path)/data"
        let second = try await Tmux(width: 80, height: 24, environment: shared)
        for tmux in [first, second] {
            let start = await tmux.waitFor(180) { $0.contains("of 240") && $0.contains("DEMO DATA") }
            #expect(start.ok, "both starts open the demo data:\n\(start.screen)")
            try await tmux.send("q")
            #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
        }
    }

    @Test func firstRunOpensDemoDataWalksTheViewsAndQuitsCleanly() async throws {
        let tmux = try await Tmux(width: 80, height: 24)
        let start = await tmux.waitFor(60) { $0.contains("of 240") && $0.contains("DEMO DATA") }
        #expect(start.ok, "the dashboard opens on demo data:\n\(start.screen)")
        #expect(start.screen.contains("Customers · API calls"))
        try await tmux.send("Enter")
        let usage = await tmux.waitFor { $0.contains("Customers › ") && $0.contains("Peak storage") }
        #expect(usage.ok, "Enter opens the customer:\n\(usage.screen)")
        try await tmux.send("Enter")
        #expect(await tmux.waitFor { $0.contains("buckets") && $0.contains("total ") }.ok, "Enter opens the chart")
        try await tmux.send("Escape")
        try await tmux.send("e")
        let events = await tmux.waitFor { $0.contains("page 1 of") && $0.contains("events · newest first ┘") }
        #expect(events.ok, "e opens the events:\n\(events.screen)")
        try await tmux.send("Enter")
        #expect(await tmux.waitFor { $0.contains("\"transaction_id\":") }.ok, "Enter shows the event's properties")
        try await tmux.send("Escape")
        try await tmux.send("?")
        #expect(await tmux.waitFor { $0.contains("Keys · Events") && $0.contains("next page") }.ok, "? shows help")
        try await tmux.send("Escape")
        try await tmux.send("q")
        let after = await tmux.waitFor { $0.contains("EXITED 0") }
        #expect(after.ok, "q exits with status 0:\n\(after.screen)")
        #expect(!after.screen.contains("DEMO DATA"), "the terminal is restored: no dashboard left on screen")
    }

    /// A megabyte pasted into the filter is taken whole and drawn once (it used to cost a frame and a copy of the
    /// filter per character: 80,000 characters froze the screen for 70 s), and Ctrl-C then ends the program.
    @Test func aMegabytePastedIntoTheFilterIsTakenWholeAndCtrlCStillAnswers() async throws {
        let home = ProcessScratch.root.appendingPathComponent("paste-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let db = home.appendingPathComponent("demo.sqlite").path
        #expect(
            try await Program.run(Tmux.binary, ["demo", "--db", db, "--customers", "5", "--days", "2"]).status == 0)
        let tmux = try await Tmux(width: 120, height: 30, arguments: "--db \(db)")
        #expect(await tmux.waitFor(60) { $0.contains("of 5") }.ok)
        try await tmux.send("/")
        try await tmux.paste(String(repeating: "pastedtext", count: 100_000) + "ZZEND")
        let taken = await tmux.waitFor(90) { $0.contains("ZZEND▏") && $0.contains("· 0 of 5 ·") }
        #expect(taken.ok, "the whole paste is in the filter, its end in sight:\n\(taken.screen)")
        try await tmux.send("C-c")
        #expect(await tmux.waitFor(10) { $0.contains("EXITED") }.ok, "Ctrl-C ends it")
    }

    @Test func filterAndResizeRedrawCorrectly() async throws {
        let tmux = try await Tmux(width: 200, height: 60)
        #expect(await tmux.waitFor(60) { $0.contains("of 240") }.ok)
        try await tmux.send("/")
        try await tmux.type("acme")
        let filtered = await tmux.waitFor { $0.contains("filter: acme") && $0.contains("Acme Labs") }
        #expect(filtered.ok, "typing filters:\n\(filtered.screen)")
        #expect(!filtered.screen.contains("Globex Labs"))
        try await tmux.resize(width: 50, height: 10)
        let small = await tmux.waitFor { $0.contains("need 60×15") }
        #expect(small.ok, "below the minimum the too-small screen shows:\n\(small.screen)")
        try await tmux.resize(width: 80, height: 24)
        let back = await tmux.waitFor {
            $0.contains("filter: acme") && $0.contains("Acme Labs") && !$0.contains("need 60")
        }
        #expect(back.ok, "growing again redraws the table:\n\(back.screen)")
        let lines = back.screen.split(separator: "\n")
        #expect(lines.first { $0.hasPrefix("┌") }?.count == 80, "the frame spans the new width")
        try await tmux.send("Escape")
        // The prompt closed: a key typed in the same burst would be swallowed, so the next one waits for it.
        #expect(await tmux.waitFor { !$0.contains("filter: acme") }.ok)
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }

    @Test func headlessCommandsNeedNoTerminalAndFailClearly() async throws {
        let home = ProcessScratch.root.appendingPathComponent("cli-\(UUID().uuidString)")
        let db = home.appendingPathComponent("s.sqlite").path
        let ok = try await Self.run(["snapshot", "--db", db, "--customer", "cus_00001", "--format", "json"])
        #expect(ok.status == 0)
        #expect(ok.stdout.hasPrefix(#"{"provider": "local", "customer": {"id": "cus_00001", "name": "Acme Labs"}"#))
        let missing = try await Self.run(["snapshot", "--db", db, "--customer", "nobody"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "usagetop: no customer with id or name 'nobody'\n")
        let byName = try await Self.run([
            "snapshot", "--db", db, "--customer", "labs acme", "--period", "last-7-days", "--format", "json",
        ])
        #expect(
            byName.status == 0 && byName.stdout.contains(#""customer": {"id": "cus_00001", "name": "Acme Labs"}"#),
            "a name's words in any order find the customer:\n\(byName.stderr)")
        let several = try await Self.run(["snapshot", "--db", db, "--customer", "labs"])
        #expect(
            several.status == 1 && several.stderr.contains("'labs' matches") && several.stderr.contains("(cus_00001)"))
        let badDate = try await Self.run(["timeseries", "--db", db, "--metric", "api_calls", "--from", "yesterday"])
        #expect(badDate.status != 0 && badDate.stderr.contains("--from 'yesterday' is not an ISO-8601"))
        let dashboard = try await Self.run(["--db", db])
        #expect(dashboard.status == 1 && dashboard.stderr.contains("the dashboard needs a terminal"))
    }

    static func run(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        let output = try await Program.run(Tmux.binary, arguments)
        return (output.status, output.stdout, output.stderr)
    }
}
