import Foundation
import LocalStore
import Logging
import NIOSSL
import PostgresNIO
import UsageCore

/// The usage store on a PostgreSQL server, shared by a team: one `usagetop sync` writes, every dashboard and monitor
/// reads. The same schema ideas as the embedded store (`PostgresSchema`), the same validation on the way in (ingest's
/// parser), the same answers on the way out (`PostgresProvider`). Each write is one transaction, so a reader never
/// sees half a batch; each screen's read is one snapshot (`read`).
public final class PostgresUsageStore: Sendable {
    /// The store's address without its password.
    public let location: String
    let client: PostgresClient
    let logger: Logger
    private let scrubber: SecretScrubber?
    private let runner: Task<Void, Never>

    /// Connects to `target` (a pool of at most `connections`), checks it is a usagetop store or empty, and brings its
    /// tables up to date.
    public static func open(_ target: PostgresTarget, connections: Int = 4) async throws(UsageError) -> PostgresUsageStore {
        let store = PostgresUsageStore(target, connections: connections)
        do {
            try await PostgresMigrator.migrate(store.client, logger: store.logger)
        } catch {
            throw store.failure(error, doing: "cannot open")
        }
        return store
    }

    private init(_ target: PostgresTarget, connections: Int) {
        location = target.location
        scrubber = target.password.map { SecretScrubber(key: $0.value) }
        logger = Logger(label: "usagetop.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        var configuration: PostgresClient.Configuration
        if let folder = target.socketFolder {
            configuration = .init(
                unixSocketPath: "\(folder)/.s.PGSQL.\(target.port)", username: target.user, password: target.password?.value,
                database: target.database)
        } else {
            configuration = .init(
                host: target.host ?? "localhost", port: target.port, username: target.user, password: target.password?.value,
                database: target.database, tls: Self.tls(target.tls))
        }
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.maximumConnections = max(1, connections)
        configuration.options.minimumConnections = 0
        configuration.options.connectionIdleTimeout = .seconds(60)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        runner = Task { await client.run() }
    }

    deinit {
        runner.cancel()
    }

    private static func tls(_ mode: PostgresTarget.TLSMode) -> PostgresClient.Configuration.TLS {
        var relaxed = TLSConfiguration.makeClientConfiguration()
        relaxed.certificateVerification = .none
        var caOnly = TLSConfiguration.makeClientConfiguration()
        caOnly.certificateVerification = .noHostnameVerification
        return switch mode {
        case .disable: .disable
        case .allow, .prefer: .prefer(relaxed)
        case .require: .require(relaxed)
        case .verifyCA: .require(caOnly)
        case .verifyFull: .require(.makeClientConfiguration())
        }
    }

    /// Runs `body` on one connection inside a read-only snapshot (`REPEATABLE READ`): every query of one screen's
    /// answer sees the same committed writes, never half of one.
    func read<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws(UsageError) -> T {
        do {
            return try await client.withConnection { connection in
                try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                do {
                    let result = try await body(connection)
                    try await connection.query("COMMIT", logger: logger)
                    return result
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        } catch {
            throw failure(error, doing: "cannot read")
        }
    }

    /// Runs `body` in one write transaction under the writers' lock; `body` says whether to commit (and so count a
    /// revision) or roll back.
    func write<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> (T, commit: Bool), revision: Bool = true)
        async throws(UsageError) -> T
    {
        do {
            return try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                do {
                    try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.writerLock))", logger: logger)
                    let (result, commit) = try await body(connection)
                    if commit, revision {
                        try await connection.query(
                            "UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'revision'", logger: logger)
                    }
                    try await connection.query(commit ? "COMMIT" : "ROLLBACK", logger: logger)
                    return result
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        } catch {
            throw failure(error, doing: "cannot write")
        }
    }

    /// One line for a failure, without the password (even when a server or proxy echoes it).
    func failure(_ error: any Error, doing action: String) -> UsageError {
        if let usage = error as? UsageError { return UsageError(usage.kind, scrub(usage.message)) }
        return UsageError(.storage, scrub("\(location): \(action): \(Self.describe(error))"))
    }

    /// Network text with the password taken out and control characters escaped.
    func scrub(_ text: String) -> String {
        EscapedText.line(scrubber?.message(text) ?? text)
    }

    /// What went wrong, from the server's message or the connection's.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return String(describing: error) }
        if let message = error.serverInfo?[.message] {
            let code = error.serverInfo?[.sqlState].map { " (\($0))" } ?? ""
            return message + code
        }
        switch error.code {
        case .connectionError:
            return "cannot connect" + (error.underlying.map { ": \($0)" } ?? "")
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            return "the server closed the connection"
        case .authMechanismRequiresPassword:
            return "the server asks for a password: set password_env or password_command in the profile, or PGPASSWORD"
        case .unsupportedAuthMechanism, .saslError:
            return "the server's authentication could not be completed"
        case .sslUnsupported:
            return "the server does not offer TLS (sslmode=disable to connect without it)"
        default:
            return "\(error.code)"
        }
    }
}
