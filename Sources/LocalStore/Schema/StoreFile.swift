import Foundation
import GRDB
import StoreCore
import UsageCore

/// Decides, before SQLite opens a file read-write, whether it may: a usagetop store carries
/// `PRAGMA application_id = 0x75736774` ("usgt") in its header; a file that is not SQLite, or a SQLite database of
/// another program, is refused and left exactly as it was.
enum StoreFile {
    /// usagetop's `application_id`.
    static let applicationID: Int32 = 0x7573_6774

    /// What is at a store path.
    enum Kind: Equatable {
        /// Nothing, or an empty file: a new store may be made.
        case new
        /// A usagetop store (stamped, or made before stores were stamped).
        case store
    }

    /// What `path` holds, or an error naming why usagetop will not touch it.
    static func inspect(_ path: String) throws(UsageError) -> Kind {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return .new }
        if isFolder.boolValue { throw UsageError(.invalidInput, "\(path) is a folder, not a usagetop store") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw UsageError(.storage, "cannot read \(path)") }
        defer { try? handle.close() }
        let header = Array((try? handle.read(upToCount: 100)) ?? Data())
        if header.isEmpty { return .new }
        guard header.count == 100, header.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw refusal(path, "it is not a SQLite database")
        }
        let stamped = header[68..<72].reduce(0) { $0 << 8 | Int32($1) }
        if stamped == applicationID { return .store }
        guard stamped == 0 else {
            throw refusal(path, "it belongs to another program (application_id \(String(format: "0x%08X", stamped)))")
        }
        return try unstamped(path)
    }

    /// A database without an application id: a store from before stores were stamped (its id may still be in the
    /// write-ahead log), or somebody else's database.
    private static func unstamped(_ path: String) throws(UsageError) -> Kind {
        var configuration = Configuration()
        configuration.readonly = true
        let tables: Set<String>
        let stampedInLog: Bool
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            (tables, stampedInLog) = try queue.read { db in
                (
                    Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")),
                    try Int32.fetchOne(db, sql: "PRAGMA application_id") == applicationID
                )
            }
        } catch {
            throw refusal(path, "it cannot be read as a SQLite database (\(UsageStore.describe(error)))")
        }
        let ours: Set<String> = ["meta", "metric", "customer", "event", "rollup_hour", "rollup_day", "distinct_hour"]
        if stampedInLog || ours.isSubset(of: tables) { return .store }
        let listed = tables.sorted().prefix(5).joined(separator: ", ")
        throw refusal(path, "it is another program's SQLite database (tables: \(listed.isEmpty ? "none" : listed))")
    }

    private static func refusal(_ path: String, _ reason: String) -> UsageError {
        UsageError(
            .invalidInput, "\(path) is not a usagetop store: \(reason); it was left untouched (choose another --db)")
    }

    /// Whether this process can write the store and the files SQLite keeps beside it.
    static func isWritable(_ path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        let folderOK = access(folder.isEmpty ? "." : folder, W_OK) == 0
        return folderOK && (access(path, F_OK) != 0 || access(path, W_OK) == 0)
    }
}
