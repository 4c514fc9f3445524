import Foundation
import GRDB
import StoreCore
import UsageCore

/// The embedded SQLite usage store: opening, schema, catalogue (metrics, customers) and writing events.
///
/// A file is opened only when it is a usagetop store or empty (`StoreFile`); a store this user cannot write is
/// opened read-only (reading works, writing says why not).
public final class UsageStore: Sendable {
    /// The file path of the store.
    public let path: String
    /// True when the store could not be opened for writing (a read-only file or folder).
    public let isReadOnly: Bool
    /// A pool (read-write) or a read-only queue.
    let database: any DatabaseWriter

    /// Opens (creating if needed) the store at `path` and brings its schema up to date; refuses any other file.
    /// A write waits up to `waitingForWriters` seconds for another process's write to end before it says the
    /// store is locked.
    public init(path: String, waitingForWriters: TimeInterval = 5) throws(UsageError) {
        self.path = path
        let kind = try StoreFile.inspect(path)
        isReadOnly = kind == .store && !StoreFile.isWritable(path)
        do {
            database =
                isReadOnly
                ? try Self.openReadOnly(path) : try Self.openReadWrite(path, waitingForWriters: waitingForWriters)
        } catch {
            throw UsageError(.storage, "cannot open store \(path): \(Self.describe(error))")
        }
        if isReadOnly { try Self.requireCurrent(database, path: path) }
    }

    /// A store this user may only read must already hold every table this version reads: one made by an older
    /// version is refused in one line that says how it is brought up to date.
    private static func requireCurrent(_ database: any DatabaseReader, path: String) throws(UsageError) {
        let migrator = StoreSchema.migrator
        let missing: [String]
        do {
            let applied = try database.read { db in try migrator.appliedIdentifiers(db) }
            missing = migrator.migrations.filter { !applied.contains($0) }
        } catch {
            throw UsageError(.storage, "cannot open store \(path): \(describe(error))")
        }
        guard !missing.isEmpty else { return }
        throw UsageError(
            .storage,
            "cannot open store \(path): it was made by an older usagetop (missing \(missing.joined(separator: ", "))) and "
                + "this user may only read it: run usagetop on it once as a user who may write it (any command brings it "
                + "up to date), then open it again")
    }

    private static func configuration(readOnly: Bool, waitingForWriters: TimeInterval = 5) -> Configuration {
        var config = Configuration()
        config.readonly = readOnly
        config.prepareDatabase { db in
            DecimalFunctions.register(in: db)
            // 16 KiB pages for a new store (an existing one keeps its own): a first load of a million events takes
            // 4.6 s instead of 5.2, mostly in building indexes; queries measure the same (BENCHMARKS.md).
            if !readOnly { try db.execute(sql: "PRAGMA page_size = 16384; PRAGMA synchronous = NORMAL") }
            try db.execute(sql: "PRAGMA cache_size = -1024")
        }
        config.busyMode = .timeout(waitingForWriters)
        // Two readers are plenty for one screen; each keeps a small page cache, so a monitor stays small.
        config.maximumReaderCount = 2
        return config
    }

    private static func openReadWrite(_ path: String, waitingForWriters: TimeInterval) throws -> any DatabaseWriter {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let pool = try DatabasePool(
            path: path, configuration: configuration(readOnly: false, waitingForWriters: waitingForWriters))
        try StoreSchema.migrator.migrate(pool)
        return pool
    }

    /// A read-only connection. SQLite can read a write-ahead-log store read-only only if its `-wal` and `-shm`
    /// files exist; when they do not (a store closed cleanly), nothing is pending in a log, and the file is opened
    /// as immutable, which needs neither.
    private static func openReadOnly(_ path: String) throws -> any DatabaseWriter {
        let logged =
            FileManager.default.fileExists(atPath: path + "-wal")
            && FileManager.default.fileExists(atPath: path + "-shm")
        if !logged, let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed),
            let queue = try? DatabaseQueue(
                path: "file:\(encoded)?immutable=1", configuration: configuration(readOnly: true))
        {
            return queue
        }
        return try DatabaseQueue(path: path, configuration: configuration(readOnly: true))
    }

    /// Fails with one clear line when the store was opened read-only.
    public func requireWritable(for action: String) throws(UsageError) {
        guard !isReadOnly else {
            throw UsageError(.storage, "\(path) is read-only for this user; \(action) needs to write it")
        }
    }

    /// Whether this store holds only events made by `usagetop demo` (or nothing), and how many events and customers
    /// it holds: what regenerating it would lose.
    public func contents() throws(UsageError) -> (isDemo: Bool, events: Int, customers: Int) {
        try read { db in
            (
                try Catalog.isDemo(in: db), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM customer") ?? 0
            )
        }
    }

    /// True when the store holds no metrics and no events. Asked at every start, so it never counts: two index
    /// probes, the same time on ten events as on ten million.
    public func isEmpty() throws(UsageError) -> Bool {
        try read { db in try Self.isEmpty(db) }
    }

    /// True when the store `db` reads holds no metrics and no events.
    static func isEmpty(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT NOT (EXISTS (SELECT 1 FROM metric) OR EXISTS (SELECT 1 FROM event))") ?? true
    }

    /// True while every event in the store was generated by the demo generator.
    public func isDemoData() throws(UsageError) -> Bool {
        try read { db in try Catalog.isDemo(in: db) }
    }

    /// The number of stored events.
    public func eventCount() throws(UsageError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") ?? 0 }
    }

    /// All metrics in display order.
    public func metrics() throws(UsageError) -> [Metric] {
        try read { db in try Self.fetchMetrics(db) }
    }

    /// Every customer, by id (shell completion reads them without a data service).
    public func customers() throws(UsageError) -> [Customer] {
        try read { db in try CatalogSQL.customers(id: nil, in: .sqlite).rows(db).map(CatalogSQL.customer) }
    }

    static func fetchMetrics(_ db: Database) throws -> [Metric] {
        try CatalogSQL.metrics(in: .sqlite).rows(db).map(CatalogSQL.metric)
    }

    /// Runs `body` in a read transaction, mapping failures to one line.
    func read<T>(_ body: (Database) throws -> T) throws(UsageError) -> T {
        do {
            return try database.read(body)
        } catch {
            throw UsageError(.storage, "store \(path): \(Self.describe(error))")
        }
    }

    /// Runs `body` in an async read transaction, mapping failures to one line.
    func asyncRead<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(UsageError) -> T {
        do {
            return try await database.read(body)
        } catch {
            throw UsageError(.storage, "store \(path): \(Self.describe(error))")
        }
    }

    /// Runs `body` in one write transaction (all or nothing) that also counts one more revision.
    func write<T>(_ body: (Database) throws -> T) throws(UsageError) -> T {
        try requireWritable(for: "this")
        do {
            return try database.write { db in
                let result = try body(db)
                try Catalog.bumpRevision(in: db)
                return result
            }
        } catch let error as UsageError {
            throw error
        } catch {
            throw UsageError(.storage, "store \(path): \(Self.describe(error))")
        }
    }

    /// Runs `body` in one write transaction without counting a revision: for bookkeeping no screen shows.
    func writeQuietly<T>(_ body: (Database) throws -> T) throws(UsageError) -> T {
        try requireWritable(for: "this")
        do {
            return try database.write(body)
        } catch {
            throw UsageError(.storage, "store \(path): \(Self.describe(error))")
        }
    }

    static func describe(_ error: any Error) -> String {
        if let db = error as? DatabaseError { return db.message ?? "SQLite error \(db.resultCode.rawValue)" }
        return String(describing: error)
    }
}
