import AppConfig
import ArgumentParser
import Foundation
import TermUI
import UsageCore

/// `usagetop info`: where usagetop reads and writes (as `k9s info` does): the config file and its profiles, the
/// store, the log, the theme folders.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Print where usagetop keeps its configuration, store, log and themes.")

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let config = ConfigFile.defaultPath(environment: environment)
        var warnings: [String] = []
        let profiles = (try? ConfigFile.load(path: config, warnings: &warnings))?.profiles.keys.sorted() ?? []
        let store = StoreOptions.path(db: nil)
        let lines: [(String, String)] = [
            ("version", UsagetopVersion.text),
            ("config", config + (FileManager.default.fileExists(atPath: config) ? "" : " (none yet)")),
            ("profiles", profiles.isEmpty ? "—" : profiles.joined(separator: ", ")),
            (
                "store",
                store + (FileManager.default.fileExists(atPath: store) ? "" : " (built with demo data on first run)")
            ),
            ("log", FileLogHandler.defaultPath(environment: environment)),
            (
                "themes",
                (ThemeLoader.searchPath(themesDir: nil, environment: environment) + ["built in"]).joined(
                    separator: ", ")
            ),
        ]
        for (name, value) in lines {
            StandardOutput.line(EscapedText.line(name.padding(toLength: 9, withPad: " ", startingAt: 0) + value))
        }
    }
}
