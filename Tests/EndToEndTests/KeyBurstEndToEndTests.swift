import Foundation
import HTTPTestSupport
import Testing
import UsageCore

/// A hundred fast bursts of keys against a slow API (every reply 40 ms late), in the real binary under tmux: keys
/// that supersede a question in flight (a metric, a period, a view left) never put a cancelled request's error on
/// screen, and the dashboard is still there, answering, at the end.
@Suite(
    "End to end: bursts of keys over a slow API", .serialized,
    .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct KeyBurstEndToEndTests {
    /// Keys that move between and within views (no prompt, no quit, no copy or file).
    static let keys = [
        "Enter", "Escape", "Down", "Up", "m", "M", "e", "b", "t", "[", "]", "Tab", "Left", "Right", "^", "n", "N",
        "o", "s", "S", "c", "r", "B", "h", "l",
    ]

    @Test func aHundredBurstsLeaveNoCancelledRequestOnScreen() async throws {
        let route = ProviderEndToEndTests.hyperlineRoute()
        let server = try TestHTTPServer { request in
            var reply = route(request)
            reply.delay = .milliseconds(40)
            return reply
        }
        let tmux = try await Tmux(
            width: 100, height: 30, arguments: "--provider hyperline --base-url \(server.baseURL)",
            environment: "HYPERLINE_API_KEY=\(ProviderEndToEndTests.key)")
        #expect(await tmux.waitFor { $0.contains("Acme Corp") && $0.contains("2 of 2") }.ok)
        var random = SeededRandom(seed: 2026)
        for burst in 0..<100 {
            let count = 3 + random.below(6)
            let sequence = (0..<count).map { _ in Self.keys[random.below(Self.keys.count)] }
            try await tmux.send(sequence)
            let screen = await tmux.screen()
            let shown = screen.lowercased()
            #expect(
                !shown.contains("cancel") && !shown.contains("given up") && !shown.contains("exited"),
                "burst \(burst) (\(sequence.joined(separator: " "))):\n\(screen)")
        }
        // Once every answer is in (no spinner in the header), nothing cancelled is on screen either.
        let spinner = Set("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")
        let settled = await tmux.waitFor { screen in
            !(screen.split(separator: "\n").first ?? "").contains { spinner.contains($0) }
        }
        #expect(settled.ok && !settled.screen.lowercased().contains("cancel"), "\(settled.screen)")
        try await tmux.send("Escape", "Escape", "Escape", "Escape", "Escape")
        #expect(await tmux.waitFor { $0.contains("Acme Corp") }.ok, "still answering after the bursts")
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }

    /// Keys that open every view of the demo store (the bills with `$`, the events and breakdown) and its prompts
    /// (the period picker, the events' filter, search and jump), with letters typed into them and Esc.
    static let everyViewKeys =
        keys + ["$", "p", "f", "/", "@", "Escape", "Escape", "a", "5", "=", "x", "Home", "End", "PageDown", "y"]

    /// A hundred bursts over every view of the demo store, prompts included: no error or cancelled work on screen,
    /// no crash, and Esc brings back the customers table, which still answers.
    @Test func aHundredBurstsOverEveryViewOfTheDemo() async throws {
        let db = try await Program.demoStore("bursts", customers: 20, days: 40)
        let tmux = try await Tmux(width: 100, height: 30, arguments: "--db \(db)")
        #expect(await tmux.waitFor { $0.contains("20 of 20") }.ok)
        var random = SeededRandom(seed: 2027)
        var seen: Set<String> = []
        for burst in 0..<100 {
            let count = 3 + random.below(6)
            let sequence = (0..<count).map { _ in Self.everyViewKeys[random.below(Self.everyViewKeys.count)] }
            try await tmux.send(sequence)
            let screen = await tmux.screen()
            let lines = screen.split(separator: "\n")
            if lines.count > 1 {
                seen.insert(String(lines[1].split(separator: "›").last ?? "").trimmingCharacters(in: .whitespaces))
            }
            let shown = screen.lowercased()
            #expect(
                !shown.contains("cancelled") && !shown.contains("given up") && !shown.contains("exited")
                    && !shown.contains("error"),
                "burst \(burst) (\(sequence.joined(separator: " "))):\n\(screen)")
        }
        #expect(seen.count >= 4, "the bursts went through several views: \(seen.sorted())")
        try await tmux.send(Array(repeating: "Escape", count: 20))
        // Back on the customers table (of whatever period the bursts left it on), which still answers.
        let back = await tmux.waitFor { screen in
            let lines = screen.split(separator: "\n")
            return lines.count > 2 && lines[1].trimmingCharacters(in: .whitespaces) == "Customers"
                && lines[2].contains(" of 20 ")
        }
        #expect(back.ok, "still answering after the bursts:\n\(back.screen)")
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }
}
