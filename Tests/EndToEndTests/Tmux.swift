import Foundation

/// The real `usagetop` binary in a real terminal: a tmux session on a private socket.
final class Tmux {
    let socket = "usagetop-e2e-\(UUID().uuidString.prefix(8))"
    let session = "e2e"
    let home: URL

    /// The built executable, next to the test bundle.
    static var binary: String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("usagetop"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("usagetop"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug/usagetop"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path ?? candidates[0].path
    }

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Starts `usagetop arguments` in a fresh home (its own XDG folders) at `width`×`height`.
    init(width: Int, height: Int, arguments: String = "", environment: String = "") throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("usagetop-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let command = "clear; env HOME=\(home.path) XDG_DATA_HOME=\(home.path)/data XDG_CONFIG_HOME=\(home.path)/config XDG_STATE_HOME=\(home.path)/state "
            + "LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color \(environment) \(Self.binary) \(arguments); echo EXITED $?; sleep 120"
        try run(["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", command], capture: false)
    }

    deinit {
        _ = try? run(["kill-server"], capture: false)
        try? FileManager.default.removeItem(at: home)
    }

    /// What the terminal shows now.
    func screen() -> String {
        (try? run(["capture-pane", "-p", "-t", session], capture: true)) ?? ""
    }

    /// Sends tmux key names (`Enter`, `Escape`, `q`, ...).
    func send(_ keys: String...) throws {
        try run(["send-keys", "-t", session] + keys, capture: false)
    }

    /// Types literal text.
    func type(_ text: String) throws {
        try run(["send-keys", "-t", session, "-l", text], capture: false)
    }

    /// Resizes the terminal.
    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"], capture: false)
    }

    /// Polls the screen until `condition` holds or `seconds` pass; returns the last screen.
    @discardableResult
    func waitFor(_ seconds: Double = 20, _ condition: (String) -> Bool) -> (ok: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(seconds)
        var last = screen()
        while !condition(last) {
            if Date() > deadline { return (false, last) }
            usleep(50_000)
            last = screen()
        }
        return (true, last)
    }

    /// Runs a tmux command; the server `new-session` starts gets no pipe of ours, so reads always end.
    @discardableResult
    private func run(_ arguments: [String], capture: Bool) throws -> String {
        try Subprocess.run("/usr/bin/tmux", ["-u", "-L", socket, "-f", "/dev/null"] + arguments, capture: capture).stdout
    }
}

extension Tmux {
    /// A tmux format value for the pane (`#{alternate_on}`, `#{cursor_flag}`, `#{pane_pid}`).
    func paneValue(_ format: String) -> String {
        ((try? Subprocess.run("/usr/bin/tmux", ["-u", "-L", socket, "display-message", "-p", "-t", session, format],
                              capture: true).stdout) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Closes the pane, as closing a terminal window does.
    func killPane() throws {
        _ = try Subprocess.run("/usr/bin/tmux", ["-u", "-L", socket, "kill-pane", "-t", session], capture: true)
    }

    /// The pid of the `usagetop` process running in the pane (the shell's child).
    func programPID() -> pid_t? {
        guard let shell = Int32(paneValue("#{pane_pid}")),
              let children = try? Subprocess.run("/usr/bin/pgrep", ["-P", "\(shell)", "-f", "usagetop"], capture: true).stdout
        else { return nil }
        return children.split(separator: "\n").compactMap { Int32($0) }.first
    }
}
