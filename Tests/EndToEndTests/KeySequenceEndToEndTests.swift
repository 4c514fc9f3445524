import Foundation
import HTTPTestSupport
import Testing

/// Keys a terminal sends that its `TERM` entry does not name, in the real binary under tmux: `ESC [ 4 ~` (End on
/// rxvt and the Linux console) under xterm-256color, whose End is `ESC O F`, is End, not Esc, `[`, `4` and `~`; a
/// sequence no key stands for is dropped whole.
@Suite(
    "End to end: escape sequences are read whole", .serialized,
    .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct KeySequenceEndToEndTests {
    @Test func anEscapeSequenceTheTerminfoLacksIsOneKeyOrNone() async throws {
        let db = try await Program.demoStore("keys", customers: 6, days: 40)
        let tmux = try await Tmux(width: 100, height: 30, arguments: "--db \(db) --customer cus_00001")
        let usage = await tmux.waitFor { $0.contains("Customers › Acme Labs") && $0.contains("Emails sent") }
        #expect(usage.ok, "\(usage.screen)")
        try await tmux.type("\u{1B}[99~")  // no key: dropped
        try await tmux.type("\u{1B}[4~")  // End: the last metric
        try await tmux.send("Enter")
        let chart = await tmux.waitFor { $0.contains("Emails sent · Acme Labs · by day") }
        #expect(chart.ok, "End chose the last metric and nothing else moved:\n\(chart.screen)")
        #expect(chart.screen.contains("│ this month │"), "the period never moved:\n\(chart.screen)")
        try await tmux.send("Escape")
        #expect(await tmux.waitFor { $0.contains("Customers › Acme Labs") && !$0.contains("› Emails sent") }.ok)
        try await tmux.send("Escape")
        #expect(await tmux.waitFor { $0.contains("Customers · API calls") }.ok, "a plain Esc still goes back")
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }

    /// A config.toml mistake is said once on the status line: stderr is hidden under the screen.
    @Test func aConfigWarningIsOnTheStatusLine() async throws {
        let tmux = try await Tmux(width: 120, height: 30, arguments: "--period -7d")
        // The demo store is built before the screen opens: on a busy machine that takes a while.
        #expect(await tmux.waitFor(180) { $0.contains("of 240") }.ok)
        let config = tmux.home.appendingPathComponent("config/usagetop")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let file = config.appendingPathComponent("config.toml")
        try "colour = \"blue\"\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
        let again = try await Tmux(
            width: 120, height: 30, arguments: "--period -7d",
            environment: "XDG_CONFIG_HOME=\(tmux.home.path)/config XDG_DATA_HOME=\(tmux.home.path)/data")
        let shown = await again.waitFor { $0.contains("config: unknown key colour ignored") }
        #expect(shown.ok, "\(shown.screen)")
        try await again.send("q")
        #expect(await again.waitFor { $0.contains("EXITED 0") }.ok)
    }

    /// A prompt that closes swallows the rest of the burst it came in: `q` typed ahead after the filter's Enter
    /// never quits the view below.
    @Test func aClosingPromptSwallowsTheRestOfItsBurst() async throws {
        let db = try await Program.demoStore("burst", customers: 6, days: 5)
        let tmux = try await Tmux(width: 100, height: 30, arguments: "--db \(db)")
        #expect(await tmux.waitFor { $0.contains("Acme Labs") }.ok)
        try await tmux.send(["/", "a", "c", "m", "e", "Enter", "q", "-", "-"])
        let filtered = await tmux.waitFor { $0.contains("filter: acme") && $0.contains("1 of 6") }
        #expect(filtered.ok, "the filter applied, and the keys after its Enter swallowed:\n\(filtered.screen)")
        #expect(!filtered.screen.contains("EXITED") && !filtered.screen.contains("refresh every"))
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok, "a q of its own quits")
    }
}
