import Foundation
import StoreCore
import Logging
import NIOSSL
import PostgresNIO
import Synchronization
import UsageCore

/// The usage store on a PostgreSQL server, shared by a team: one `usagetop sync` writes, every dashboard and monitor
/// reads. The same schema ideas as the embedded store (`PostgresSchema`), the same validation on the way in (ingest's
/// parser), the same answers on the way out (`PostgresProvider`). Each write is one transaction, so a reader never
/// sees half a batch; each screen's read is one snapshot (`read`).
public final class PostgresUsageStore: Sendable {
    /// The store's address without its password.
    public let location: String
    /// The short name the header shows.
    public let label: String
    let client: PostgresClient
    let logger: Logger
    private let scrubber: SecretScrubber?
    private let runner: Task<Void, Never>
    /// Set when a wait for a connection ran out, cleared by the next connection: while the server is away, later
    /// reads (a screen makes several) say so within a second instead of each waiting the whole `connectWithin`.
    private let unreachable = Mutex(false)

    /// Connects to `target` (a pool of at most `connections`), checks it is a usagetop store or empty, and brings its
    /// tables up to date.
    public static func open(
        _ target: PostgresTarget, connections: Int = 4, connectWithin: Duration = .seconds(10),
        answerWithin: Duration = .seconds(30)
    ) async throws(UsageError) -> PostgresUsageStore {
        let store = PostgresUsageStore(
            target, connections: connections, connectWithin: connectWithin, answerWithin: answerWithin)
        do {
            try await Deadline.run(within: connectWithin, late: NoAnswer(limit: connectWithin)) {
                [logger = store.logger] in
                try await probe(target, logger: logger)
            }
            try await PostgresMigrator.migrate(store.client, logger: store.logger, checkWithin: answerWithin)
        } catch {
            throw store.failure(error, doing: "cannot open")
        }
        return store
    }

    private init(_ target: PostgresTarget, connections: Int, connectWithin: Duration, answerWithin: Duration) {
        self.connectWithin = connectWithin
        self.answerWithin = answerWithin
        location = target.location
        label = target.label
        scrubber = target.password.map { SecretScrubber(key: $0.value) }
        logger = Logger(label: "usagetop.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        var configuration: PostgresClient.Configuration
        if let folder = target.socketFolder {
            configuration = .init(
                unixSocketPath: "\(folder)/.s.PGSQL.\(target.port)", username: target.user,
                password: target.password?.value,
                database: target.database)
        } else {
            configuration = .init(
                host: target.host ?? "localhost", port: target.port, username: target.user,
                password: target.password?.value,
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

    /// One connection made and closed before the pool is used: a wrong password, a missing database or a server
    /// that is not there is told at once, in the server's words (the pool would retry for a minute and say less).
    private static func probe(_ target: PostgresTarget, logger: Logger) async throws {
        var configuration: PostgresConnection.Configuration
        if let folder = target.socketFolder {
            configuration = .init(
                unixSocketPath: "\(folder)/.s.PGSQL.\(target.port)", username: target.user,
                password: target.password?.value,
                database: target.database)
        } else {
            let settings = tlsSettings(target.tls)
            let tls: PostgresConnection.Configuration.TLS =
                switch settings {
                case nil: .disable
                case let (configuration, required)?:
                    required
                        ? .require(try NIOSSLContext(configuration: configuration))
                        : .prefer(try NIOSSLContext(configuration: configuration))
                }
            configuration = .init(
                host: target.host ?? "localhost", port: target.port, username: target.user,
                password: target.password?.value,
                database: target.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(5)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        try await connection.close()
    }

    private static func tls(_ mode: PostgresTarget.TLSMode) -> PostgresClient.Configuration.TLS {
        switch tlsSettings(mode) {
        case nil: .disable
        case let (configuration, required)?: required ? .require(configuration) : .prefer(configuration)
        }
    }

    /// libpq's `sslmode` as a TLS configuration and whether TLS is required (nil: no TLS).
    private static func tlsSettings(_ mode: PostgresTarget.TLSMode) -> (TLSConfiguration, required: Bool)? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable: return nil
        case .allow, .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: break
        }
        return (configuration, mode != .allow && mode != .prefer)
    }

    /// Runs `body` on one connection inside a read-only snapshot (`REPEATABLE READ`): every query of one screen's
    /// answer sees the same committed writes, never half of one.
    func read<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws(UsageError)
        -> T
    {
        do {
            return try await leased(answerWithin: answerWithin) { [logger] connection in
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

    /// Runs one statement's worth of reading without a transaction around it (one statement sees one snapshot): the
    /// idle refresh's change token costs one round trip.
    func readOne<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T)
        async throws(UsageError) -> T
    {
        do {
            return try await leased(answerWithin: answerWithin, body)
        } catch {
            throw failure(error, doing: "cannot read")
        }
    }

    /// How long to wait for a connection before saying the server cannot be reached (the pool alone keeps trying for
    /// a minute while the server is down).
    let connectWithin: Duration
    /// How long a read may wait for the server's answers once it has its connection: a server that took the login
    /// and then says nothing is a failure after this, with the connection closed, never a wait without end. It is
    /// far above what a healthy read takes even on a busy machine; writes (a long ingest) have no such limit.
    let answerWithin: Duration

    private struct NoConnection: Error {}

    /// A read that had its connection but no answer within `answerWithin`.
    struct NoAnswer: Error {
        let limit: Duration
    }

    /// `body` on a pooled connection, or `NoConnection` when none is leased within `connectWithin`: the wait is then
    /// cancelled and not waited for. With `answerWithin`, a body that runs longer ends in `NoAnswer` at once and its
    /// connection is closed (which ends the body's query).
    private func leased<T: Sendable>(
        answerWithin: Duration? = nil, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    )
        async throws -> T
    {
        let first = Once()
        let limit = unreachable.withLock { $0 } ? min(.seconds(1), connectWithin) : connectWithin
        let timer = Task { (try? await Task.sleep(for: limit)) != nil }
        return try await withCheckedThrowingContinuation { continuation in
            let task = Task { [client] in
                let result: Result<T, any Error>
                do {
                    result = .success(
                        try await client.withConnection { connection in
                            timer.cancel()
                            self.unreachable.withLock { $0 = false }
                            guard let answerWithin else { return try await body(connection) }
                            let watchdog = Task {
                                guard (try? await Task.sleep(for: answerWithin)) != nil, first.claim() else { return }
                                continuation.resume(throwing: NoAnswer(limit: answerWithin))
                                try? await connection.close()
                            }
                            defer { watchdog.cancel() }
                            return try await body(connection)
                        })
                } catch {
                    result = .failure(error)
                }
                timer.cancel()  // the watcher below wakes at once: no task outlives the call
                if first.claim() { continuation.resume(with: result) }
            }
            Task {
                if await timer.value, first.claim() {
                    self.unreachable.withLock { $0 = true }
                    task.cancel()
                    continuation.resume(throwing: NoConnection())
                }
            }
        }
    }

    /// Runs `body` in one write transaction under the writers' lock; `body` says whether to commit (and so count a
    /// revision) or roll back.
    func write<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> (T, commit: Bool), revision: Bool = true
    )
        async throws(UsageError) -> T
    {
        do {
            return try await leased { [logger] connection in
                try await connection.query("BEGIN", logger: logger)
                do {
                    try await connection.query(
                        "SELECT pg_advisory_xact_lock(\(PostgresSchema.writerLock))", logger: logger)
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
        // Opening names the whole address; later failures the short name the header shows (a status line is narrow).
        let place = action == "cannot open" ? location : label
        return UsageError(.storage, scrub("\(place): \(action): \(Self.describe(error))"))
    }

    /// Network text with the password taken out and control characters escaped.
    func scrub(_ text: String) -> String {
        EscapedText.line(scrubber?.message(text) ?? text)
    }

    /// What went wrong, from the server's message or the connection's.
    static func describe(_ error: any Error) -> String {
        if error is NoConnection { return "no connection to the server (is it running?)" }
        if let silent = error as? NoAnswer {
            return "no answer from the server within \(silent.limit.components.seconds) s"
        }
        guard let error = error as? PSQLError else {
            let text = String(describing: error)
            return text.contains("CircuitBreaker") ? "the server cannot be reached" : text
        }
        if let message = error.serverInfo?[.message] {
            let code = error.serverInfo?[.sqlState].map { " (\($0))" } ?? ""
            return message + code
        }
        switch error.code {
        case .connectionError:
            return "cannot connect: " + connectionProblem(error.underlying.map { String(describing: $0) } ?? "")
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

    /// The reason a connection failed, in a few words.
    private static func connectionProblem(_ text: String) -> String {
        let lower = text.lowercased()
        if lower.contains("refused") { return "connection refused (is the server running, on that port?)" }
        if lower.contains("timeout") || lower.contains("timed out") { return "no answer within 5 s" }
        if lower.contains("resolve") || lower.contains("getaddrinfo") || lower.contains("name") {
            return "host not found"
        }
        return text
    }
}
