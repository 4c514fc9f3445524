import Foundation
import Subprocess
import SystemPackage
import UsageCore

/// Finds a provider's API key: the profile's `api_key_env`, its `api_key_command`, `USAGETOP_API_KEY`, then
/// `<PROVIDER>_API_KEY`. Error lines name where a key was looked for, never the key.
public enum KeySource {
    /// How long `api_key_command` may run.
    public static let commandTimeout: Duration = .seconds(10)

    /// The key for `provider`, whose own variable is `variable` (`LAGO_API_KEY`), or a one-line error saying where
    /// to put it.
    public static func key(
        provider: String, variable providerVariable: String, profile: Profile?,
        environment: [String: String], timeout: Duration = commandTimeout
    ) async throws(UsageError)
        -> String
    {
        if let variable = profile?.apiKeyEnv {
            guard let value = environment[variable], !value.isEmpty else {
                throw UsageError(.invalidInput, "the profile's api_key_env \(variable) is not set")
            }
            return try checked(value, source: "api_key_env \(variable)")
        }
        if let command = profile?.apiKeyCommand {
            return try checked(try await run(command, timeout: timeout), source: "api_key_command")
        }
        for variable in ["USAGETOP_API_KEY", providerVariable] {
            if let value = environment[variable], !value.isEmpty { return try checked(value, source: variable) }
        }
        throw UsageError(
            .invalidInput,
            "\(provider) needs an API key: set \(providerVariable) or USAGETOP_API_KEY, or a profile's api_key_env or api_key_command"
        )
    }

    /// The PostgreSQL store's password from the profile: its `password_env`, else its `password_command`; nil when the
    /// profile names neither (the URL's password or `PGPASSWORD` is used then).
    public static func databasePassword(
        profile: Profile?, environment: [String: String], timeout: Duration = commandTimeout
    )
        async throws(UsageError) -> String?
    {
        if let variable = profile?.passwordEnv {
            guard let value = environment[variable], !value.isEmpty else {
                throw UsageError(.invalidInput, "the profile's password_env \(variable) is not set")
            }
            return try checked(value, source: "password_env \(variable)", what: "password")
        }
        guard let command = profile?.passwordCommand else { return nil }
        return try checked(try await run(command, timeout: timeout), source: "password_command", what: "password")
    }

    /// `raw` without one trailing newline (`\n` or `\r\n`); any other control character is refused with an error
    /// that says where, never what.
    static func checked(_ raw: String, source: String, what: String = "key") throws(UsageError) -> String {
        var key = raw
        if key.last == "\r\n" || key.last == "\n" { key.removeLast() }  // "\r\n" is one Character
        if let offset = key.unicodeScalars.firstIndex(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            let position = key.unicodeScalars.distance(from: key.unicodeScalars.startIndex, to: offset) + 1
            throw UsageError(
                .invalidInput,
                "the \(what) from \(source) holds a control character (at character \(position)); it was not used")
        }
        guard !key.isEmpty else { throw UsageError(.invalidInput, "the \(what) from \(source) is empty") }
        return key
    }

    /// Runs `command` with `/bin/sh -c` in a process group of its own and returns its standard output, read through
    /// a pipe (the key never touches the disk). After `timeout` the whole group gets SIGTERM, then SIGKILL.
    static func run(_ command: String, timeout: Duration) async throws(UsageError) -> String {
        let options = ownProcessGroup
        let outcome: Outcome
        do {
            outcome = try await withThrowingTaskGroup(of: Outcome.self) { group in
                group.addTask {
                    let result = try await Subprocess.run(
                        .path(FilePath("/bin/sh")), arguments: ["-c", command], platformOptions: options, input: .none,
                        output: .bytes(limit: 64 << 10), error: .discarded)
                    return .finished(result.terminationStatus, result.standardOutput)
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return .timedOut
                }
                let first = try await group.next() ?? .timedOut
                group.cancelAll()
                return first
            }
        } catch let error as SubprocessError where error.code == .outputLimitExceeded {
            throw UsageError(.invalidInput, "api_key_command printed more than 64 KiB")
        } catch {
            throw UsageError(.invalidInput, "api_key_command could not be run")
        }
        switch outcome {
        case .timedOut:
            let limit =
                timeout < .seconds(1)
                ? "\(timeout.components.attoseconds / 1_000_000_000_000_000) ms" : "\(timeout.components.seconds) s"
            throw UsageError(
                .invalidInput,
                "api_key_command did not finish within \(limit) and was stopped with its child processes (a command that asks for a passphrase must be unlocked first)"
            )
        case .finished(.exited(0), let bytes):
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw UsageError(.invalidInput, "api_key_command printed something that is not UTF-8 text")
            }
            guard !text.isEmpty else { throw UsageError(.invalidInput, "api_key_command printed nothing") }
            return text
        case .finished(.exited(let code), _):
            throw UsageError(.invalidInput, "api_key_command failed (exit \(code))")
        case .finished(.signaled(let signal), _):
            throw UsageError(.invalidInput, "api_key_command was ended by signal \(signal)")
        }
    }

    /// A process group of its own, ended as a whole (SIGTERM, then SIGKILL half a second later) on cancellation.
    private static var ownProcessGroup: PlatformOptions {
        var options = PlatformOptions()
        options.processGroupID = 0
        options.teardownSequence = [
            .send(signal: .terminate, toProcessGroup: true, allowedDurationToNextStep: .milliseconds(500))
        ]
        return options
    }

    private enum Outcome: Sendable {
        case finished(TerminationStatus, [UInt8])
        case timedOut
    }
}
