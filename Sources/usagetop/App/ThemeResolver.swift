import Foundation
import TermUI

/// Picks the theme: `NO_COLOR` forces monochrome; otherwise `--theme` from the search path.
enum ThemeResolver {
    /// The status-line text for theme warnings: the first one, and how many more.
    static func message(for warnings: [String]) -> String? {
        warnings.first.map { "theme: " + $0 + (warnings.count > 1 ? " (+\(warnings.count - 1) more)" : "") }
    }

    static func resolve(name: String, themesDir: String?) -> (theme: Theme, warnings: [String], useColor: Bool) {
        let environment = ProcessInfo.processInfo.environment
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            return (.monochrome, [], false)
        }
        let dirs = ThemeLoader.searchPath(themesDir: themesDir, environment: environment)
        switch ThemeLoader.load(name: name, from: dirs) {
        case .success(let loaded): return (loaded.theme, loaded.warnings, name != "mono")
        case .failure(let issue): return (.standard, [issue.message + "; using the built-in default"], true)
        }
    }
}
