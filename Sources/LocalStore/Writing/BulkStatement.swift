import GRDB
import GRDBSQLite

/// One prepared statement run many times in a row with arguments bound straight through SQLite's C interface: a bulk
/// load binds millions of values, and GRDB's boxed arguments were a fifth of the writing thread's time.
/// Lives only inside the caller's `Database` access, on its thread.
final class BulkStatement {
    private let statement: OpaquePointer
    private let connection: OpaquePointer
    private var next: Int32 = 1

    /// Prepares `sql` on `db`'s connection.
    init(_ sql: String, in db: Database) throws {
        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE) }
        self.connection = connection
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard code == SQLITE_OK, let prepared else { throw Self.error(code, connection) }
        statement = prepared
    }

    deinit {
        sqlite3_finalize(statement)
    }

    /// Binds the next parameter to text, or NULL.
    func bind(_ text: String?) {
        defer { next += 1 }
        guard var text else { sqlite3_bind_null(statement, next); return }
        text.withUTF8 { bytes in
            _ = sqlite3_bind_text(statement, next, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
    }

    /// Binds the next parameter to an integer.
    func bind(_ number: Int64) {
        sqlite3_bind_int64(statement, next, number)
        next += 1
    }

    /// Runs the statement with the bound arguments and returns the rows it changed (0 when `OR IGNORE` skipped one).
    @discardableResult
    func run() throws -> Int {
        next = 1
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else { throw Self.error(code, connection) }
        return Int(sqlite3_changes(connection))
    }

    private static func error(_ code: Int32, _ connection: OpaquePointer) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
    }

    /// SQLite copies the bound bytes (they live only for the duration of `withUTF8`).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
