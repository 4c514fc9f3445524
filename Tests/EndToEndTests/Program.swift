import Foundation
import Testing
import HTTPTestSupport
import Subprocess
import SystemPackage

/// Runs a program to its end without holding a thread of Swift's cooperative pool (two threads on a two-core
/// machine): swift-subprocess spawns it with no inherited descriptor and waits for it on its own monitor thread.
enum Program {
    /// What a finished program printed and how it ended.
    struct Output {
        /// The exit code, or 128 + the signal number when a signal ended it.
        var status: Int32
        var stdout: String
        var stderr: String
        /// The run's own `XDG_STATE_HOME` (its log is `usagetop/usagetop.log` there), unless the caller gave one.
        var stateHome: String

        /// The run's log, or "" when it wrote none.
        var log: String {
            (try? String(contentsOfFile: stateHome + "/usagetop/usagetop.log", encoding: .utf8)) ?? ""
        }
    }

    /// A home of its own for one run (`HOME` and the XDG folders under it), so that no run reads what another wrote:
    /// not its log, its config or its default store.
    static func freshHome() -> String {
        let home = ProcessScratch.root.appendingPathComponent("home-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        return home
    }

    /// A demo store of its own for one test, built by the real binary (`usagetop demo`) in a fresh folder named after
    /// `name`; a failed build is recorded as the test's issue.
    static func demoStore(_ name: String, customers: Int, days: Int) async throws -> String {
        let folder = ProcessScratch.root.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let db = folder.appendingPathComponent("usage.sqlite").path
        let made = try await run(Tmux.binary, ["demo", "--db", db, "--customers", "\(customers)", "--days", "\(days)"])
        #expect(made.status == 0, "usagetop demo: \(made.stderr)")
        return db
    }

    /// Runs `path arguments` with stdin from /dev/null; captures stdout and stderr when `capture`, else discards
    /// them. The environment is this process's with `HOME`, `XDG_DATA_HOME`, `XDG_CONFIG_HOME` and `XDG_STATE_HOME`
    /// in a fresh folder, then `extra`.
    static func run(_ path: String, _ arguments: [String], capture: Bool = true, extra: [String: String] = [:])
        async throws -> Output
    {
        let home = freshHome()
        var overrides: [Environment.Key: String?] = [
            "HOME": home, "XDG_DATA_HOME": home + "/data", "XDG_CONFIG_HOME": home + "/config",
            "XDG_STATE_HOME": home + "/state",
        ]
        for (name, value) in extra { overrides[Environment.Key(rawValue: name)!] = value }
        let stateHome = extra["XDG_STATE_HOME"] ?? home + "/state"
        let environment = Environment.inherit.updating(overrides)
        if !capture {
            let result = try await Subprocess.run(
                .path(FilePath(path)), arguments: Arguments(arguments), environment: environment, input: .none,
                output: .discarded, error: .discarded)
            return Output(status: code(result.terminationStatus), stdout: "", stderr: "", stateHome: stateHome)
        }
        let result = try await Subprocess.run(
            .path(FilePath(path)), arguments: Arguments(arguments), environment: environment, input: .none,
            output: .string(limit: 64 << 20), error: .string(limit: 16 << 20))
        return Output(
            status: code(result.terminationStatus), stdout: result.standardOutput,
            stderr: result.standardError, stateHome: stateHome)
    }

    static func code(_ status: TerminationStatus) -> Int32 {
        switch status {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
    }
}
