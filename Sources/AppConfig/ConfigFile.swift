import Foundation
import TOMLKit
import UsageCore

/// `$XDG_CONFIG_HOME/usagetop/config.toml`: named profiles.
public struct ConfigFile: Sendable, Hashable, Decodable {
    /// Profiles by name.
    public var profiles: [String: Profile]
    /// The top-level `[alerts]` table.
    public var alerts: AlertsConfig?
    /// The `[keys]` table: command name (`next_metric`) → key names (`"r"`, `["q", "F10"]`).
    public var keys: [String: [String]]
    /// `mouse = false` leaves the mouse to the terminal (text selection), as `--no-mouse` does.
    public var mouse: Bool?
    /// The top-level `[[plans]]`: prices for sources that have none.
    public var plans = PlanBook()
    /// `week_start = "sunday"`: the day `this-week`, `last-week` and weekly chart ticks start on (Monday if unset).
    public var weekStart: WeekStart?

    enum CodingKeys: String, CodingKey {
        case profiles, alerts, keys, mouse
        case weekStart = "week_start"
    }

    /// Creates a configuration.
    public init(profiles: [String: Profile] = [:], alerts: AlertsConfig? = nil, keys: [String: [String]] = [:]) {
        self.profiles = profiles
        self.alerts = alerts
        self.keys = keys
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        profiles = try container.decodeIfPresent([String: Profile].self, forKey: .profiles) ?? [:]
        alerts = try container.decodeIfPresent(AlertsConfig.self, forKey: .alerts)
        keys = try container.decodeIfPresent([String: KeyNames].self, forKey: .keys)?.mapValues(\.names) ?? [:]
        mouse = try container.decodeIfPresent(Bool.self, forKey: .mouse)
        weekStart = try container.decodeIfPresent(String.self, forKey: .weekStart).flatMap(WeekStart.init(rawValue:))
    }

    /// Whether clicks and the wheel reach usagetop: `--no-mouse` turns them off, else the profile's `mouse`, else
    /// the file's, else on.
    public func usesMouse(profile: Profile?, noMouseFlag: Bool) -> Bool {
        !noMouseFlag && (profile?.mouse ?? mouse ?? true)
    }

    /// One `[keys]` value: a key name or a list of them.
    private struct KeyNames: Decodable {
        var names: [String]
        init(from decoder: any Decoder) throws {
            let single = try decoder.singleValueContainer()
            if let name = try? single.decode(String.self) {
                names = [name]
            } else {
                names = try single.decode([String].self)
            }
        }
    }

    /// The price plans for `profile`: its own `[[profiles.NAME.plans]]`, else the top-level ones.
    public func plans(profile: Profile?) -> PlanBook {
        profile?.plans ?? plans
    }

    /// The alert rules for `profile`: its own `[alerts]` table, else the top-level one, else the defaults.
    public func alertRules(profile: Profile?) -> AlertRules {
        (profile?.alerts ?? alerts)?.rules ?? AlertRules()
    }

    /// The default location: `$XDG_CONFIG_HOME/usagetop/config.toml`, else `~/.config/usagetop/config.toml`.
    public static func defaultPath(environment: [String: String]) -> String {
        let base =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return base + "/usagetop/config.toml"
    }

    /// Parses TOML text (a leading byte-order mark is skipped). A malformed file is one clear error with its line,
    /// a value of the wrong type or range one naming its key (`ConfigSchema`); unknown keys go to `warnings`.
    public static func parse(_ text: String, path: String, warnings: inout [String]) throws(UsageError) -> ConfigFile {
        let body = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        let table: TOMLTable
        do {
            table = try TOMLTable(string: body)
        } catch let error as TOMLParseError {
            throw UsageError(.invalidInput, "\(path) line \(error.source.begin.line): \(error.description)")
        } catch {
            throw UsageError(.invalidInput, "\(path): \(String(describing: error).split(separator: "\n").first ?? "")")
        }
        var found: [String] = []
        do {
            try ConfigSchema.check(table, ConfigSchema.file, at: "", warnings: &found)
            warnings += found.map { "\(path): \($0)" }
            var file = try TOMLDecoder().decode(ConfigFile.self, from: table)
            file.plans = try PlanBook.read(table["plans"], at: "plans")
            for name in file.profiles.keys {
                let plans = table["profiles"]?.table?[name]?.table?["plans"]
                if plans != nil {
                    file.profiles[name]?.plans = try PlanBook.read(plans, at: "profiles.\(name).plans")
                }
            }
            return file
        } catch let error as UsageError {
            throw UsageError(.invalidInput, "\(path): \(error.message)")
        } catch {
            throw UsageError(.invalidInput, "\(path): \(String(describing: error).split(separator: "\n").first ?? "")")
        }
    }

    /// Loads `path`; a missing file is an empty configuration. `warnings` gets a line when others can read the file.
    public static func load(path: String, warnings: inout [String]) throws(UsageError) -> ConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else { return ConfigFile() }
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0
        {
            warnings.append("\(path) is readable by other users; run: chmod 600 \(path)")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path, warnings: &warnings)
    }

    /// `path` with a leading `~` (alone or before `/`) replaced by `$HOME`, as a shell would.
    public static func expandingHome(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty else { return path }
        return home + path.dropFirst()
    }

    /// The profile `name`, or an error listing the known names.
    public func profile(_ name: String) throws(UsageError) -> Profile {
        guard let profile = profiles[name] else {
            let known = profiles.keys.sorted().joined(separator: ", ")
            throw UsageError(
                .notFound, "no profile '\(name)' in config.toml (known: \(known.isEmpty ? "none" : known))")
        }
        return profile
    }
}
