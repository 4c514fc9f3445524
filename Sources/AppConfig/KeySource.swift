import Foundation
import UsageCore

/// Finds a provider's API key: the profile's `api_key_env`, its `api_key_command`, `USAGETOP_API_KEY`, then
/// `<PROVIDER>_API_KEY`. Error lines name where a key was looked for, never the key.
public enum KeySource {
    /// The key for `provider`, or a one-line error saying where to put it.
    public static func key(provider: String, profile: Profile?, environment: [String: String]) throws(UsageError) -> String {
        if let variable = profile?.apiKeyEnv {
            guard let value = environment[variable], !value.isEmpty else {
                throw UsageError(.invalidInput, "the profile's api_key_env \(variable) is not set")
            }
            return value
        }
        if let command = profile?.apiKeyCommand { return try run(command) }
        let providerVariable = provider.uppercased() + "_API_KEY"
        for variable in ["USAGETOP_API_KEY", providerVariable] {
            if let value = environment[variable], !value.isEmpty { return value }
        }
        throw UsageError(.invalidInput, "\(provider) needs an API key: set \(providerVariable) or USAGETOP_API_KEY, or a profile's api_key_env or api_key_command")
    }

    /// Runs `command` with `/bin/sh -c` and returns its trimmed standard output.
    static func run(_ command: String) throws(UsageError) -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("usagetop-key-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let quoted = "'" + output.path.replacingOccurrences(of: "'", with: "'\\''") + "'"
        let arguments: [String] = ["/bin/sh", "-c", "umask 077; (\(command)) > \(quoted) 2>/dev/null"]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else {
            throw UsageError(.invalidInput, "api_key_command could not be started")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let code = (status >> 8) & 0xff
        let key = (try? String(contentsOf: output, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard code == 0, !key.isEmpty else {
            throw UsageError(.invalidInput, code == 0 ? "api_key_command printed nothing" : "api_key_command failed (exit \(code))")
        }
        return key
    }
}
