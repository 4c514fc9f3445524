import Foundation
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
    }

    /// Where programs under test write their logs, so tests never touch the real home.
    static let stateHome = FileManager.default.temporaryDirectory.appendingPathComponent("usagetop-test-state").path

    /// Runs `path arguments` with stdin from /dev/null; captures stdout and stderr when `capture`, else discards
    /// them. The environment is this process's plus `extra`, with `XDG_STATE_HOME` pointing at a temporary folder.
    static func run(_ path: String, _ arguments: [String], capture: Bool = true, extra: [String: String] = [:])
        async throws -> Output
    {
        var overrides: [Environment.Key: String?] = ["XDG_STATE_HOME": stateHome]
        for (name, value) in extra { overrides[Environment.Key(rawValue: name)!] = value }
        let environment = Environment.inherit.updating(overrides)
        if !capture {
            let result = try await Subprocess.run(
                .path(FilePath(path)), arguments: Arguments(arguments), environment: environment, input: .none,
                output: .discarded, error: .discarded)
            return Output(status: code(result.terminationStatus), stdout: "", stderr: "")
        }
        let result = try await Subprocess.run(
            .path(FilePath(path)), arguments: Arguments(arguments), environment: environment, input: .none,
            output: .string(limit: 64 << 20), error: .string(limit: 16 << 20))
        return Output(status: code(result.terminationStatus), stdout: result.standardOutput,
                      stderr: result.standardError)
    }

    private static func code(_ status: TerminationStatus) -> Int32 {
        switch status {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
    }
}
