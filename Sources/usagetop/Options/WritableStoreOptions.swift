import AppConfig
import ArgumentParser
import Foundation
import StoreCore
import UsageCore

/// `--db` and `--profile` for the commands that write a store (`ingest`, `store prune`).
struct WritableStoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "The usage store: an SQLite file (default: $XDG_DATA_HOME/usagetop/usage.sqlite) or postgres://user@host/database."
    )
    var db: String?
    @Option(
        help: "A profile whose db (and password_env or password_command) names the store.",
        completion: NameCompletion.profiles) var profile: String?

    /// The store, opened for writing; warnings about `config.toml` go to stderr.
    func openForWriting() async throws(UsageError) -> any EventStore {
        var warnings: [String] = []
        let chosen = try profile.map { name throws(UsageError) in
            try ConfigFile.load(
                path: ConfigFile.defaultPath(environment: ProcessInfo.processInfo.environment), warnings: &warnings
            )
            .profile(name)
        }
        for warning in warnings { StandardError.line("usagetop: warning: \(warning)") }
        return try await StoreLocation.chosen(db: db, profile: chosen).openForWriting(profile: chosen)
    }
}
