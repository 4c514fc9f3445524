import Foundation
import HTTPTestSupport
import Testing

/// The real binary in the environments users really have: copied out of the build folder, under a non-UTF-8
/// locale, on a dumb terminal, and stopped with Ctrl-Z before being interrupted.
@Suite("End to end in odd environments", .serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct EnvironmentEndToEndTests {
    /// A small demo store, made once by the binary itself.
    static let store: String = {
        let folder = ProcessScratch.root.appendingPathComponent("env-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("small.sqlite").path
    }()

    static func makeStore() async throws {
        guard !FileManager.default.fileExists(atPath: store) else { return }
        let made = try await Program.run(Tmux.binary, ["demo", "--db", store, "--customers", "5", "--days", "3"])
        #expect(made.status == 0, "\(made.stderr)")
    }

    @Test func aCopiedBinaryStillHasItsThemes() async throws {
        let folder = ProcessScratch.root.appendingPathComponent("installed-\(UUID().uuidString)/bin")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("usagetop").path
        try FileManager.default.copyItem(atPath: Tmux.binary, toPath: copy)
        try await Self.makeStore()
        let tmux = try await Tmux(width: 100, height: 30, arguments: "--theme light --db \(Self.store)", binary: copy)
        let screen = await tmux.waitFor(30) { $0.contains("of 5") }
        #expect(
            screen.ok && !screen.screen.contains("not found"), "no theme warning in the status line:\n\(screen.screen)")
        try await tmux.send("q")
        let after = await tmux.waitFor { $0.contains("EXITED 0") }
        #expect(after.ok && !after.screen.contains("theme"), "nor on stderr before the screen opened:\n\(after.screen)")
    }

    @Test func aNonUTF8LocaleGetsASCIIAndStraightColumns() async throws {
        try await Self.makeStore()
        let tmux = try await Tmux(width: 100, height: 30, arguments: "--db \(Self.store)", locale: "C")
        let screen = await tmux.waitFor(30) { $0.contains("of 5") && $0.contains("Acme Labs") }
        #expect(screen.ok, "the dashboard draws under LANG=C:\n\(screen.screen)")
        let lines = screen.screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!screen.screen.unicodeScalars.contains { $0.value > 0x7E }, "only ASCII reaches the terminal")
        let frame = lines.first { $0.hasPrefix("+") }
        #expect(
            frame?.count == 100 && frame?.hasSuffix("+") == true, "ASCII borders span the width: \(frame ?? "none")")
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }

    @Test func aDumbTerminalIsRefusedWithAPointerToTheHeadlessCommands() async throws {
        let tmux = try await Tmux(width: 200, height: 10, arguments: "--db \(Self.store)", environment: "TERM=dumb")
        let screen = await tmux.waitFor { $0.contains("EXITED") }
        #expect(
            screen.screen.contains(
                "usagetop: this terminal (TERM=dumb) cannot draw the screens; use `usagetop customers|snapshot|timeseries|events` instead"
            ))
        #expect(screen.screen.contains("EXITED 1"))
    }

    /// In a user's shell: Ctrl-Z, `fg`, then Ctrl-C, five times over. Each time the terminal is on the normal screen
    /// with a visible cursor while the dashboard is stopped, the dashboard is back after `fg`, and the terminal is
    /// restored at the end.
    @Test func ctrlZThenFgThenCtrlCAlwaysLeavesTheTerminalRestored() async throws {
        try await Self.makeStore()
        let tmux = try await Tmux(width: 80, height: 24, interactiveShell: true)
        for round in 1...5 {
            try await tmux.type("clear; \(Tmux.binary) --db \(Self.store)")
            try await tmux.send("Enter")
            #expect(await tmux.waitFor(30) { $0.contains("of 5") }.ok, "round \(round): the dashboard opens")
            try await tmux.send("C-z")
            let stopped = await tmux.waitFor { $0.contains("Stopped") }
            let whileStopped = (await tmux.paneValue("#{alternate_on}"), await tmux.paneValue("#{cursor_flag}"))
            #expect(
                stopped.ok && whileStopped == ("0", "1"),
                "round \(round): stopped on the normal screen:\n\(stopped.screen)")
            try await tmux.type("fg")
            try await tmux.send("Enter")
            let back = await tmux.waitFor { $0.contains("of 5") && !$0.contains("Stopped") }
            #expect(back.ok, "round \(round): fg brings the dashboard back:\n\(back.screen)")
            try await tmux.send("C-c")
            let ended = await tmux.waitFor { screen in
                screen.contains("$ fg") && screen.split(separator: "\n").last { !$0.isEmpty } == "$"
            }
            let atEnd = (await tmux.paneValue("#{alternate_on}"), await tmux.paneValue("#{cursor_flag}"))
            #expect(ended.ok && atEnd == ("0", "1"), "round \(round): back at the prompt, restored:\n\(ended.screen)")
        }
    }

}
