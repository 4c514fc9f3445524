import Foundation

/// Reads `key = "value"` theme files and finds them on disk.
public enum ThemeLoader {
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
        if !missing.isEmpty { warnings.append("\(name): missing roles use the default: \(missing.joined(separator: ", "))") }
        return Loaded(theme: Theme(name: name, roles: roles, keys: keys), warnings: warnings)
    }

    /// Folders searched in order: `--themes-dir`, `$XDG_CONFIG_HOME/usagetop/themes`, then the bundled folder.
    public static func searchPath(themesDir: String?, environment: [String: String], bundled: String?) -> [String] {
        var dirs: [String] = []
        if let themesDir { dirs.append(themesDir) }
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"].map { $0 + "/.config" })
        if let config { dirs.append(config + "/usagetop/themes") }
        if let bundled { dirs.append(bundled) }
        return dirs
    }

    /// Loads theme `name` from the first folder that has `name.theme`; `default` falls back to the compiled-in one.
    public static func load(name: String, from dirs: [String]) -> Result<Loaded, ThemeIssue> {
        for dir in dirs {
            let path = dir + "/" + name + ".theme"
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                return .success(parse(text, name: name))
            }
        }
        if name == "default" { return .success(Loaded(theme: .standard, warnings: [])) }
        if name == "mono" { return .success(Loaded(theme: .monochrome, warnings: [])) }
        let available = Set(dirs.flatMap { dir in
            ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
                .filter { $0.hasSuffix(".theme") }.map { String($0.dropLast(6)) }
        }).sorted()
        return .failure(ThemeIssue("theme '\(name)' not found (available: \(available.joined(separator: ", ")))"))
    }

    /// The bundled `themes/` folder: found by walking up from the executable (works for `.build/debug`
    /// and for an install under `share/usagetop/themes`).
    public static func bundledDirectory(executablePath: String) -> String? {
        var dir = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            for candidate in ["themes", "share/usagetop/themes"] {
                let path = dir.appendingPathComponent(candidate).path
                if FileManager.default.fileExists(atPath: path + "/default.theme") { return path }
            }
            dir.deleteLastPathComponent()
        }
        return nil
    }
}
