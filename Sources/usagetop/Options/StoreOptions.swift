import AppConfig
import ArgumentParser
import Foundation

/// `--db PATH` for `demo`, which writes only the embedded store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite usage store (default: $XDG_DATA_HOME/usagetop/usage.sqlite).")
    var db: String?

    /// The store path: `--db`, else `$XDG_DATA_HOME/usagetop/usage.sqlite`, else `~/.local/share/...`.
    var path: String { Self.path(db: db) }

    /// The store path for an optional `--db` value (or a profile's `db`); `~` is `$HOME`.
    static func path(db: String?) -> String {
        let environment = ProcessInfo.processInfo.environment
        if let db { return ConfigFile.expandingHome(db, environment: environment) }
        let data =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/share")
        return data + "/usagetop/usage.sqlite"
    }
}
