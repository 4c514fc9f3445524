import AppConfig
import KeyInput
import UsageViewModel

/// `config.toml`'s `[keys]` turned into key-map overrides; names or keys it does not know are one warning line each
/// on stderr, and the rest still applies.
enum KeyBindingsConfig {
    /// The overrides `config` asks for.
    static func overrides(_ config: ConfigFile) -> [Command: [Key]] {
        let (overrides, problems) = KeyMap.overrides(from: config.keys)
        for problem in problems { StandardError.line("usagetop: warning: \(problem)") }
        return overrides
    }
}
