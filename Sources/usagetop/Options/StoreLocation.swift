import AppConfig
import Foundation
import LocalStore
import PostgresStore
import StoreCore
import UsageCore

/// Where a usage store is: an SQLite file (the default, one machine) or a PostgreSQL database (`postgres://…`, a team
/// sharing one copy that `usagetop sync` keeps current).
enum StoreLocation {
    case file(String)
    case postgres(url: String)

    /// `--db` when given, else the profile's `db` (its `read_db` replica instead when `reading`), else the default
    /// file.
    static func chosen(db: String?, profile: Profile?, reading: Bool = false) -> StoreLocation {
        let text = db ?? (reading ? profile?.readDB : nil) ?? profile?.db
        if let text, PostgresTarget.isPostgres(text) { return .postgres(url: text) }
        return .file(StoreOptions.path(db: text))
    }

    /// The store to write into (`ingest`, `sync`); a missing file is created.
    func openForWriting(profile: Profile?) async throws(UsageError) -> any EventStore {
        switch self {
        case .file(let path): try UsageStore(path: path)
        case .postgres(let url): try await Self.openPostgres(url: url, profile: profile)
        }
    }

    /// Connects to a PostgreSQL store; its password comes from the URL, the profile's `password_env` or
    /// `password_command`, or `PGPASSWORD`, and never shows in a message.
    static func openPostgres(url: String, profile: Profile?) async throws(UsageError) -> PostgresUsageStore {
        let environment = ProcessInfo.processInfo.environment
        let password = try await KeySource.databasePassword(profile: profile, environment: environment)
        let target = try PostgresTarget(url: url, password: password.map(Secret.init), environment: environment)
        return try await PostgresUsageStore.open(target)
    }
}
