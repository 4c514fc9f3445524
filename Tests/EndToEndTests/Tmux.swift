import Foundation
import HTTPTestSupport

/// The real `usagetop` binary in a real terminal: a tmux session on a private socket. Every call awaits its tmux
/// process instead of blocking a thread, so end-to-end tests never starve the tests running beside them.
final class Tmux: Sendable {
    let socket = "usagetop-e2e-\(UUID().uuidString.prefix(8))"
    let session = "e2e"
    let home: URL

    /// The built executable, next to the test bundle.
    static var binary: String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
                "usagetop"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("usagetop"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug/usagetop"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path ?? candidates[0].path
    }

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Starts `usagetop arguments` (or `binary`) in a fresh home (its own XDG folders) at `width`×`height`;
    /// `environment` is prepended as `NAME=value` words and `locale` sets LANG and LC_ALL. With `interactiveShell`
    /// the pane runs `bash -i` instead (job control, as a user's shell has it) and nothing is started.
    init(
        width: Int, height: Int, arguments: String = "", environment: String = "", binary: String = Tmux.binary,
        locale: String = "C.UTF-8", interactiveShell: Bool = false
    ) async throws {
        home = ProcessScratch.root.appendingPathComponent("tmux-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let variables =
            "HOME=\(home.path) XDG_DATA_HOME=\(home.path)/data XDG_CONFIG_HOME=\(home.path)/config XDG_STATE_HOME=\(home.path)/state "
            + "LANG=\(locale) LC_ALL=\(locale) TERM=xterm-256color \(environment)"
        // NO_COLOR from the environment running the tests would skip themes altogether: a user's terminal has none.
        let command =
            interactiveShell
            ? "env -u NO_COLOR \(variables) PS1='$ ' bash --norc --noprofile -i"
            : "clear; env -u NO_COLOR \(variables) \(binary) \(arguments); echo EXITED $?; sleep 120"
        try await run(
            ["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", command], capture: false)
    }

    deinit {
        // Started here, not in a task that a process ending with its last test may never run: a tmux server left
        // behind would keep its usagetop running after the suite.
        let words: [String] = ["/usr/bin/tmux", "-L", socket, "kill-server"]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        _ = posix_spawn(&pid, "/usr/bin/tmux", nil, nil, argv, environ)
        let home = home
        Task.detached {
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
            try? FileManager.default.removeItem(at: home)
        }
    }

    /// What the terminal shows now.
    func screen() async -> String {
        (try? await run(["capture-pane", "-p", "-t", session], capture: true)) ?? ""
    }

    /// Sends tmux key names (`Enter`, `Escape`, `q`, ...).
    func send(_ keys: String...) async throws {
        try await send(keys)
    }

    /// Sends tmux key names in one go: a burst, as fast as a person never types.
    func send(_ keys: [String]) async throws {
        try await run(["send-keys", "-t", session] + keys, capture: false)
    }

    /// Types literal text.
    func type(_ text: String) async throws {
        try await run(["send-keys", "-t", session, "-l", text], capture: false)
    }

    /// Pastes `text` as a terminal pastes it: all at once, through tmux's paste buffer.
    func paste(_ text: String) async throws {
        let file = home.appendingPathComponent("paste-\(UUID().uuidString).txt")
        try text.write(to: file, atomically: true, encoding: .utf8)
        try await run(["load-buffer", file.path], capture: false)
        try await run(["paste-buffer", "-t", session], capture: false)
    }

    /// Resizes the terminal.
    func resize(width: Int, height: Int) async throws {
        try await run(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"], capture: false)
    }

    /// Polls the screen until `condition` holds or `seconds` pass; returns the last screen. Between polls the task
    /// is suspended, not its thread.
    @discardableResult
    func waitFor(_ seconds: Double = 20, _ condition: (String) -> Bool) async -> (ok: Bool, screen: String) {
        await poll(seconds, read: screen, until: condition)
    }

    /// Reads `read` until `condition` holds or `seconds` pass; the last reading either way.
    func poll(_ seconds: Double, read: () async -> String, until condition: (String) -> Bool) async
        -> (ok: Bool, screen: String)
    {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        var last = await read()
        while !condition(last) {
            if ContinuousClock.now > deadline { return (false, last) }
            try? await Task.sleep(for: .milliseconds(50))
            last = await read()
        }
        return (true, last)
    }

    /// Runs a tmux command on this session's server.
    @discardableResult
    private func run(_ arguments: [String], capture: Bool) async throws -> String {
        try await Program.run("/usr/bin/tmux", ["-u", "-L", socket, "-f", "/dev/null"] + arguments, capture: capture)
            .stdout
    }
}

extension Tmux {
    /// A tmux format value for the pane (`#{alternate_on}`, `#{cursor_flag}`, `#{pane_pid}`).
    func paneValue(_ format: String) async -> String {
        ((try? await run(["display-message", "-p", "-t", session, format], capture: true)) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The newest tmux paste buffer (what an OSC 52 copy put there once `acceptClipboard()` was called).
    func pasteBuffer() async -> String {
        (try? await run(["show-buffer"], capture: true)) ?? ""
    }

    /// tmux's paste buffer once it holds what `condition` asks (OSC 52 reaches it a moment after the program has
    /// written it, and the status line can say so first); the last reading if it never does.
    func pasteBuffer(until condition: (String) -> Bool) async -> String {
        await poll(20, read: pasteBuffer, until: condition).screen
    }

    /// Lets programs in the session set tmux's paste buffer with OSC 52.
    func acceptClipboard() async throws {
        try await run(["set-option", "-s", "set-clipboard", "on"], capture: true)
    }

    /// Closes the pane, as closing a terminal window does.
    func killPane() async throws {
        try await run(["kill-pane", "-t", session], capture: true)
    }

    /// The pid of the `usagetop` process running in the pane (the shell's child).
    func programPID() async -> pid_t? {
        guard let shell = Int32(await paneValue("#{pane_pid}")),
            let children = try? await Program.run("/usr/bin/pgrep", ["-P", "\(shell)", "-f", "usagetop"]).stdout
        else { return nil }
        return children.split(separator: "\n").compactMap { Int32($0) }.first
    }
}
