import Foundation
import HTTPTestSupport
import Testing

/// `usagetop monitor` as an ops team runs it: the real binary in tmux, on the demo store and against an API
/// that goes away and comes back.
@Suite("Monitor end to end in tmux", .serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct MonitorEndToEndTests {
    @Test func demoStoreMonitorPausesSurvivesResizeStormsAndEndsCleanlyOnSIGTERM() async throws {
        let tmux = try await Tmux(width: 120, height: 40, arguments: "monitor")
        let start = await tmux.waitFor(60) {
            $0.contains("Top customers · API calls") && $0.contains("DEMO DATA") && $0.contains(" live ")
                && $0.contains("by hour")
        }
        #expect(start.ok, "the monitor opens on demo data:\n\(start.screen)")
        #expect(start.screen.contains("every 2s") && start.screen.contains("Totals · last 24 hours"))
        #expect(start.screen.contains("Alerts") && start.screen.contains("by hour"))
        try await tmux.send("Space")
        #expect(
            await tmux.waitFor { $0.contains("PAUSED") && $0.contains("refresh paused") }.ok,
            "space pauses with a banner")
        try await tmux.send("Space")
        try await tmux.send("+")
        #expect(await tmux.waitFor { !$0.contains("PAUSED") && $0.contains("every 1s") }.ok, "+ refreshes more often")
        for (width, height) in [
            (1, 1), (300, 90), (10, 3), (59, 14), (61, 16), (2, 40), (200, 2), (80, 24), (33, 7), (250, 70),
        ] {
            try await tmux.resize(width: width, height: height)
        }
        try await tmux.resize(width: 100, height: 30)
        // A capture can fall between two writes of a frame under load: the layout is checked once drawn whole.
        let after = await tmux.waitFor {
            $0.contains("Top customers") && $0.contains("Totals") && $0.contains(" live ")
                && $0.split(separator: "\n").first { $0.hasPrefix("┌") }?.count == 100
        }
        #expect(after.ok, "after a resize storm the monitor lays out for 100×30:\n\(after.screen)")
        guard let pid = await tmux.programPID() else {
            Issue.record("no usagetop process in the pane")
            return
        }
        kill(pid, SIGTERM)
        let ended = await tmux.waitFor { $0.contains("EXITED") }
        #expect(
            ended.ok && !ended.screen.contains("Top customers"),
            "SIGTERM ends it and clears the screen:\n\(ended.screen)")
        let (alternate, cursor) = (await tmux.paneValue("#{alternate_on}"), await tmux.paneValue("#{cursor_flag}"))
        #expect(alternate == "0" && cursor == "1", "normal screen and a visible cursor")
    }

    @Test func closingItsTerminalEndsTheMonitor() async throws {
        let tmux = try await Tmux(width: 80, height: 24, arguments: "monitor")
        #expect(await tmux.waitFor(60) { $0.contains("Top customers") }.ok)
        guard let pid = await tmux.programPID() else {
            Issue.record("no usagetop process in the pane")
            return
        }
        try await tmux.killPane()
        let deadline = Date().addingTimeInterval(10)
        while kill(pid, 0) == 0 && Date() < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        #expect(kill(pid, 0) != 0, "no orphan keeps polling after its terminal is gone")
    }

    /// Under `setsid` the terminal is not the process's controlling terminal: closing it sends no SIGHUP, and input
    /// reads as end of file from then on. The program must see that and end (it used to spin at 100 % forever).
    @Test(arguments: ["monitor", "--refresh 1"])
    func aTerminalThatGoesAwayWithoutASIGHUPEndsTheProgram(arguments: String) async throws {
        let home = ProcessScratch.root.appendingPathComponent("setsid-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let db = home.appendingPathComponent("demo.sqlite").path
        #expect(
            try await Program.run(Tmux.binary, ["demo", "--db", db, "--customers", "5", "--days", "2"]).status == 0)
        let tmux = try await Tmux(
            width: 80, height: 24, arguments: "\(arguments) --db \(db)", binary: "setsid -w \(Tmux.binary)")
        #expect(await tmux.waitFor(60) { $0.contains("DEMO DATA") }.ok)
        guard let pid = await tmux.programPID() else {
            Issue.record("no usagetop process in the pane")
            return
        }
        try await tmux.killPane()
        let deadline = Date().addingTimeInterval(15)
        while kill(pid, 0) == 0 && Date() < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        #expect(kill(pid, 0) != 0, "the program ended with its terminal")
        if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
    }

    @Test func eventsIngestedByAnotherProcessAppearAtTheNextRefresh() async throws {
        let home = ProcessScratch.root.appendingPathComponent("live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let db = home.appendingPathComponent("live.sqlite").path
        try await ingest(count: 3, first: 0, db: db, home: home)
        let tmux = try await Tmux(width: 100, height: 30, arguments: "monitor --db \(db)")
        let titleBefore = await tmux.paneValue("#{pane_title}")
        let before = await tmux.waitFor(30) { $0.contains("�]0;owned�Live Corp�[2J") && $0.contains("total 3 ·") }
        #expect(before.ok, "three events at first, the hostile name shown with placeholders:\n\(before.screen)")
        #expect(
            await tmux.paneValue("#{pane_title}") == titleBefore && !titleBefore.contains("owned"),
            "the name's escape sequence did not set the window title")
        try await ingest(count: 4, first: 3, db: db, home: home)
        let after = await tmux.waitFor(10) { $0.contains("total 7 ·") }
        #expect(after.ok, "the other process's events show at the next refresh:\n\(after.screen)")
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }

    private func ingest(count: Int, first: Int, db: String, home: URL) async throws {
        let now = Date().timeIntervalSince1970
        let lines = (first..<(first + count)).map { i in
            let stamp = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: now - 600 - Double(i)))
            return
                #"{"transaction_id": "live-\#(i)", "external_customer_id": "cus_live", "code": "calls", "timestamp": "\#(stamp)"}"#
        }
        let events = home.appendingPathComponent("events-\(first).jsonl")
        let metrics = home.appendingPathComponent("metrics.json")
        let customers = home.appendingPathComponent("customers.json")
        try lines.joined(separator: "\n").write(to: events, atomically: true, encoding: .utf8)
        try #"[{"code": "calls", "name": "Calls", "aggregation": "count"}]"#.write(
            to: metrics, atomically: true, encoding: .utf8)
        try #"[{"id": "cus_live", "name": "\u001b]0;owned\u0007Live Corp\u001b[2J"}]"#
            .write(to: customers, atomically: true, encoding: .utf8)
        let result = try await Program.run(
            Tmux.binary,
            [
                "ingest", "--db", db, "--metrics", metrics.path, "--customers", customers.path, events.path,
            ])
        #expect(result.status == 0, "ingest: \(result.stderr)")
    }

    @Test func aProviderThatGoesAwayShowsStaleMarkersAndABannerThenRecovers() async throws {
        var server = try ProviderEndToEndTests.hyperline()
        let port = server.port
        let tmux = try await Tmux(
            width: 120, height: 40, arguments: "monitor --provider hyperline --base-url \(server.baseURL) --refresh 1",
            environment: "HYPERLINE_API_KEY=\(ProviderEndToEndTests.key)")
        let up = await tmux.waitFor(30) {
            $0.contains("Acme Corp") && $0.contains("Top customers · Storage") && !$0.contains("loading")
        }
        #expect(up.ok, "the monitor shows the API's data:\n\(up.screen)")
        #expect(up.screen.contains("every 1s"))
        server.stop()
        let down = await tmux.waitFor(30) {
            $0.contains("failing since") && $0.contains("stale") && $0.contains("Acme Corp")
        }
        #expect(down.ok, "a banner and stale markers while the API is gone, old numbers kept:\n\(down.screen)")
        #expect(down.screen.contains("hyperline"))
        server = try ProviderEndToEndTests.hyperline(port: port)
        let back = await tmux.waitFor(40) {
            !$0.contains("failing since") && !$0.contains("stale") && $0.contains("Acme Corp")
        }
        #expect(back.ok, "it recovers by itself when the API returns:\n\(back.screen)")
        let last = await tmux.screen()
        #expect(!last.contains(ProviderEndToEndTests.key))
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }
}
