import Foundation

/// Reads `key = "value"` theme files and finds them: in the user's folders first, then among the themes compiled
/// into the binary (so an installed copy of it has them wherever it is put).
public enum ThemeLoader {
    /// The bundled themes (the top-level `themes/*.theme`, embedded in the binary at build time), by name.
    public static let bundled: [String: String] = [
        "ansi16": String(decoding: PackageResources.ansi16_theme, as: UTF8.self),
        "colorblind": String(decoding: PackageResources.colorblind_theme, as: UTF8.self),
        "default": String(decoding: PackageResources.default_theme, as: UTF8.self),
        "high-contrast": String(decoding: PackageResources.high_contrast_theme, as: UTF8.self),
        "light": String(decoding: PackageResources.light_theme, as: UTF8.self),
        "mono": String(decoding: PackageResources.mono_theme, as: UTF8.self),
    ]

    /// A parsed theme and the warnings a person should see (unknown keys, bad values).
    public struct Loaded: Sendable {
        /// The theme, with defaults for anything missing or malformed.
        public var theme: Theme
        /// One line per problem, with its line number.
        public var warnings: [String]
    }

    /// Parses theme text; never fails, warns instead.
    public static func parse(_ text: String, name: String) -> Loaded {
        var roles: [ThemeRole: ThemeEntry] = [:]
        var keys: [ThemeKey: ThemeEntry] = [:]
        var warnings: [String] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let where_ = "\(name) line \(number + 1)"
            guard let equals = line.firstIndex(of: "=") else {
                warnings.append("\(where_): expected key = \"value\"")
                continue
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if let hash = value.range(of: " #"), value.hasPrefix("\"") { value = String(value[..<hash.lowerBound]) }
            value = value.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            switch ThemeEntry.parse(value) {
            case .failure(let issue):
                warnings.append("\(where_): \(key): \(issue.message)")
            case .success(let entry):
                if let role = ThemeRole(rawValue: key) {
                    roles[role] = entry
                } else if let widgetKey = ThemeKey(rawValue: key) {
                    keys[widgetKey] = entry
                } else {
                    warnings.append("\(where_): unknown key '\(key)' ignored")
                }
            }
        }
        let missing = ThemeRole.allCases.filter { roles[$0] == nil }.map(\.rawValue)
        if !missing.isEmpty {
            warnings.append("\(name): missing roles use the default: \(missing.joined(separator: ", "))")
        }
        return Loaded(theme: Theme(name: name, roles: roles, keys: keys), warnings: warnings)
    }

    /// Folders searched in order, before the bundled themes: `--themes-dir`, then `$XDG_CONFIG_HOME/usagetop/themes`.
    public static func searchPath(themesDir: String?, environment: [String: String]) -> [String] {
        var dirs: [String] = []
        if let themesDir { dirs.append(themesDir) }
        let config =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"].map { $0 + "/.config" })
        if let config { dirs.append(config + "/usagetop/themes") }
        return dirs
    }

    /// Loads theme `name` from the first folder that has `name.theme`, else from the bundled themes.
    public static func load(name: String, from dirs: [String]) -> Result<Loaded, ThemeIssue> {
        for dir in dirs {
            let path = dir + "/" + name + ".theme"
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                return .success(parse(text, name: name))
            }
        }
        if let text = bundled[name] { return .success(parse(text, name: name)) }
        return .failure(ThemeIssue("theme '\(name)' not found (available: \(names(in: dirs).joined(separator: ", ")))"))
    }

    /// Every theme name: bundled ones and the `.theme` files in `dirs`, sorted.
    public static func names(in dirs: [String]) -> [String] {
        Set(bundled.keys).union(
            dirs.flatMap { dir in
                ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
                    .filter { $0.hasSuffix(".theme") }.map { String($0.dropLast(6)) }
            }
        ).sorted()
    }
}
