import Foundation
import UsageCore

/// Where a PostgreSQL store is: `postgres://user[:password]@host[:port]/database[?sslmode=…&host=/socket/dir]`, the
/// form libpq and every PostgreSQL tool read. The password is kept out of `location`, and out of every message.
public struct PostgresTarget: Sendable {
    /// How the connection is encrypted, as libpq's `sslmode` names it.
    public enum TLSMode: String, Sendable, Equatable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// The server's host name or address (nil with a socket folder).
    public var host: String?
    /// The TCP port, or the socket file's number.
    public var port: Int
    /// A folder holding the server's Unix socket (`?host=/var/run/postgresql`).
    public var socketFolder: String?
    /// The role logged in as.
    public var user: String
    /// The database name.
    public var database: String
    /// The password: from the URL, else given (`password_env`, `password_command`), else `PGPASSWORD`.
    public var password: Secret?
    /// Encryption, `prefer` unless the URL says otherwise (libpq's default).
    public var tls: TLSMode

    /// Whether `text` names a PostgreSQL store rather than a file.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses a `postgres://` URL; `password` is used when the URL has none, then `PGPASSWORD` from `environment`.
    public init(url text: String, password given: Secret? = nil, environment: [String: String] = [:]) throws(UsageError)
    {
        guard Self.isPostgres(text), let url = URLComponents(string: text) else {
            throw UsageError(
                .invalidInput, "not a PostgreSQL URL (postgres://user@host/database): \(Self.redacted(text))")
        }
        let items = Dictionary(
            (url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let hostItem = items["host"].flatMap { $0.isEmpty ? nil : $0 }
        socketFolder = hostItem?.hasPrefix("/") == true ? hostItem : nil
        host = socketFolder == nil ? (url.host.flatMap { $0.isEmpty ? nil : $0 } ?? hostItem ?? "localhost") : nil
        port = url.port ?? items["port"].flatMap(Int.init) ?? 5432
        user = url.user.flatMap { $0.isEmpty ? nil : $0 } ?? items["user"] ?? environment["USER"] ?? "postgres"
        database = String(url.path.drop { $0 == "/" })
        if database.isEmpty { database = items["dbname"] ?? user }
        password = url.password.map(Secret.init) ?? given ?? environment["PGPASSWORD"].map(Secret.init)
        guard let mode = TLSMode(rawValue: items["sslmode"] ?? "prefer") else {
            throw UsageError(
                .invalidInput,
                "unknown sslmode '\(items["sslmode"] ?? "")' (disable, prefer, require, verify-ca, verify-full)")
        }
        tls = mode
    }

    /// The URL without its password: what messages and the header show.
    public var location: String {
        let place = socketFolder.map { "?host=\($0)" } ?? ""
        return "postgres://\(user)@\(host ?? "")\(socketFolder == nil ? ":\(port)" : "")/\(database)\(place)"
    }

    /// A short name for the header: `postgres team@db.example.com:5432`.
    public var label: String {
        "postgres \(database)@\(socketFolder ?? host ?? ""):\(port)"
    }

    /// `text` with any password between `://user:` and `@` taken out, for a URL that did not parse.
    static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://"),
            let at = text.range(of: "@", range: scheme.upperBound..<text.endIndex),
            let colon = text.range(of: ":", range: scheme.upperBound..<at.lowerBound)
        else { return text }
        return text.replacingCharacters(in: colon.upperBound..<at.lowerBound, with: SecretScrubber.mark)
    }
}
