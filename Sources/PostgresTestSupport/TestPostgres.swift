import Foundation
import Logging
import PostgresNIO
import Subprocess
import Synchronization
import SystemPackage

/// A real PostgreSQL server for the tests, started once per test process from Debian's `postgresql` package
/// (`initdb` and `pg_ctl` on a temporary folder, loopback only, a random port, a password) and stopped when the
/// process exits. Run as root, the server runs as the `postgres` user (or `nobody`), as PostgreSQL requires. Each
/// test gets a database of its own (`freshDatabase`).
public actor TestPostgres {
    /// The one server of this process.
    public static let shared = TestPostgres()

    /// The folder holding `initdb` and `pg_ctl`, or nil when PostgreSQL is not installed.
    public static let binaries: String? = {
        let candidates =
            ["/usr/lib/postgresql"].flatMap { root in
                ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted(by: >).map {
                    "\(root)/\($0)/bin"
                }
            } + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return candidates.first {
            FileManager.default.isExecutableFile(atPath: "\($0)/initdb")
                && FileManager.default.isExecutableFile(atPath: "\($0)/pg_ctl")
        }
    }()

    /// Whether the tests that need PostgreSQL can run here.
    public static var isInstalled: Bool { binaries != nil }

    /// What a skipped test says.
    public static let absent =
        "PostgreSQL is not installed (apt-get install postgresql): the PostgreSQL store tests are skipped"

    /// A running server.
    public struct Server: Sendable {
        public let port: Int
        public let user: String
        public let password: String
        let folder: String
        let bin: String
        let owner: String?
        let options: String

        /// Stops the server (a fast shutdown: connections are cut, as in an outage).
        public func stop() async throws {
            try await TestPostgres.run(
                bin + "/pg_ctl", ["-D", "\(folder)/data", "-m", "fast", "-w", "stop"], as: owner)
        }

        /// Starts it again on the same port.
        public func restart() async throws {
            try await TestPostgres.run(
                bin + "/pg_ctl",
                ["-D", "\(folder)/data", "-o", options, "-w", "-t", "30", "-l", "\(folder)/log", "start"], as: owner)
        }

        /// Stops every process of the server without ending it (SIGSTOP): connections stay open and nothing
        /// answers them, as with a server that took the login and then hangs.
        public func freeze() throws { try signalAll(SIGSTOP) }

        /// Lets a frozen server go on (SIGCONT).
        public func thaw() throws { try signalAll(SIGCONT) }

        /// Sends `signal` to the server's postmaster and every process it started.
        private func signalAll(_ signal: Int32) throws {
            let pidFile = try String(contentsOfFile: "\(folder)/data/postmaster.pid", encoding: .utf8)
            guard let postmaster = pidFile.split(separator: "\n").first.flatMap({ Int32($0) }) else { return }
            var family = [postmaster]
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
                guard let pid = Int32(entry),
                    let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                    let close = stat.lastIndex(of: ")")
                else { continue }
                let fields = stat[stat.index(after: close)...].split(separator: " ")
                if fields.count > 1, Int32(fields[1]) == postmaster { family.append(pid) }
            }
            for pid in family { kill(pid, signal) }
        }

        /// The URL of its maintenance database, without the password.
        public var url: String { "postgres://\(user)@127.0.0.1:\(port)/postgres?sslmode=disable" }
    }

    /// A server of a test's own, which it may stop and start (the shared one never stops); stopped at exit.
    public static func dedicated() async throws -> Server {
        try await start()
    }

    /// A streaming replica of `primary` (a dedicated server): `pg_basebackup -R` copies it and writes
    /// `standby.signal` with the primary's connection, and the copy starts read-only on a port of its own, replaying
    /// what the primary writes; stopped at exit.
    public static func replica(of primary: Server) async throws -> Server {
        let folder = "/tmp/usagetop-pg-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if let owner = primary.owner {
            try FileManager.default.setAttributes([.ownerAccountName: owner], ofItemAtPath: folder)
        }
        try await run(
            primary.bin + "/pg_basebackup",
            [
                "-D", "\(folder)/data", "-h", "127.0.0.1", "-p", String(primary.port), "-U", primary.user, "-R",
                "-X", "stream", "--no-sync",
            ], as: primary.owner, environment: ["PGPASSWORD": primary.password])
        return try await launch(folder: folder, bin: primary.bin, owner: primary.owner, password: primary.password)
    }

    /// The start, begun by the first test that needs the server; every other test waits for the same one.
    private var starting: Task<Server, any Error>?

    /// The server, started on first use.
    public func server() async throws -> Server {
        if let starting { return try await starting.value }
        let task = Task { try await Self.start() }
        starting = task
        return try await task.value
    }

    /// A new database on the server, after `setup` ran in it; returns its URL without the password (give `password`
    /// separately).
    public func freshDatabase(setup: [String] = []) async throws -> (url: String, password: String) {
        let server = try await server()
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        _ = try await Self.query(["CREATE DATABASE \(name)"], database: "postgres", server: server)
        if !setup.isEmpty { _ = try await Self.query(setup, database: name, server: server) }
        return ("postgres://\(server.user)@127.0.0.1:\(server.port)/\(name)?sslmode=disable", server.password)
    }

    /// The first column of `sql`'s rows, as text, in the database of `url` (one made by `freshDatabase`).
    public func strings(_ sql: String, in url: String) async throws -> [String] {
        let server = try await server()
        let database = String(url.split(separator: "/").last?.split(separator: "?").first ?? "postgres")
        return try await Self.query([sql], database: database, server: server)
    }

    /// Runs statements in order on `server`'s maintenance database (as its superuser); returns the last one's first
    /// column as text.
    public static func execute(_ statements: [String], on server: Server) async throws -> [String] {
        try await query(statements, database: "postgres", server: server)
    }

    /// Runs statements in order on one connection to `database`; returns the last one's first column as text.
    private static func query(_ statements: [String], database: String, server: Server) async throws -> [String] {
        var configuration = PostgresClient.Configuration(
            host: "127.0.0.1", port: server.port, username: server.user, password: server.password, database: database,
            tls: .disable)
        configuration.options.maximumConnections = 1
        let client = PostgresClient(
            configuration: configuration,
            backgroundLogger: Logger(label: "test-postgres", factory: { _ in SwiftLogNoOpLogHandler() }))
        return try await withThrowingTaskGroup(of: [String].self) { group in
            group.addTask {
                await client.run()
                return []
            }
            defer { group.cancelAll() }
            var last: [String] = []
            for statement in statements {
                last = []
                for try await text in try await client.query(PostgresQuery(unsafeSQL: statement)).decode(String.self) {
                    last.append(text)
                }
            }
            return last
        }
    }

    private static func start() async throws -> Server {
        guard let bin = binaries else { throw Unavailable(message: absent) }
        let folder = "/tmp/usagetop-pg-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let password = UUID().uuidString
        try password.write(toFile: "\(folder)/pw", atomically: true, encoding: .utf8)
        let accounts: [String] = ["postgres", "nobody"]
        let owner = getuid() == 0 ? accounts.first { name in getpwnam(name) != nil } : nil
        if let owner { try FileManager.default.setAttributes([.ownerAccountName: owner], ofItemAtPath: folder) }
        _ = exitHandler
        try await run(
            bin + "/initdb",
            [
                "-D", "\(folder)/data", "-U", "usagetop", "--pwfile=\(folder)/pw", "--auth=scram-sha-256",
                "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
            ], as: owner)
        return try await launch(folder: folder, bin: bin, owner: owner, password: password)
    }

    /// Starts the server of `folder/data` on a free port, trying others when one is taken.
    private static func launch(folder: String, bin: String, owner: String?, password: String) async throws -> Server {
        for attempt in 0..<5 {
            // Below the kernel's ephemeral ports (which servers binding port 0 are handed) and apart from the ports
            // the HTTP server's stop test takes (20,000 and up), so neither can take the other's port mid-test.
            let port = Int.random(in: 10_000..<20_000)
            let options =
                "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
            do {
                try await run(
                    bin + "/pg_ctl",
                    ["-D", "\(folder)/data", "-o", options, "-w", "-t", "30", "-l", "\(folder)/log", "start"], as: owner
                )
                let stop =
                    "\(owner.map { "runuser -u \($0) -- " } ?? "")\(bin)/pg_ctl -D \(folder)/data -m immediate stop"
                cleanups.withLock { $0.append("\(stop) >/dev/null 2>&1; rm -rf '\(folder)'") }
                return Server(
                    port: port, user: "usagetop", password: password, folder: folder, bin: bin, owner: owner,
                    options: options)
            } catch  where attempt < 4 {
                continue
            }
        }
        throw Unavailable(message: "PostgreSQL did not start (log: \(folder)/log)")
    }

    static func run(
        _ program: String, _ arguments: [String], as owner: String?, environment: [String: String] = [:]
    ) async throws {
        let (path, all) =
            owner.map { ("/usr/sbin/runuser", ["-u", $0, "--", program] + arguments) } ?? (program, arguments)
        let result = try await Subprocess.run(
            .path(FilePath(path)), arguments: Arguments(all),
            environment: .inherit.updating(
                Dictionary(uniqueKeysWithValues: environment.map { (Environment.Key(stringLiteral: $0.key), $0.value) })
            ),
            input: .none, output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        guard result.terminationStatus.isSuccess else {
            throw Unavailable(message: "\(program) failed: \(result.standardError)\(result.standardOutput)")
        }
    }

    /// Why the server is not there.
    public struct Unavailable: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}

/// A shell command per server started, stopping it and removing its folder, run when the process exits.
private let cleanups = Mutex<[String]>([])

/// Registers the exit handler once.
private let exitHandler: Void = {
    atexit { cleanups.withLock { $0 }.forEach { _ = system($0) } }
}()
