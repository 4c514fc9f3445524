import Foundation
import GRDB
import GRDBSQLite

/// A prepared statement driven straight through SQLite's C interface, for the store's bulk paths: a load binds millions
/// of arguments (GRDB's boxed arguments were a fifth of the writing thread's time) and the customers table reads a
/// row per customer and day (GRDB's `Row` was most of its time). Lives only inside the caller's `Database` access, on
/// its thread.
final class RawStatement {
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

    /// Steps a query: true with a row to read, false (and reset, ready for new arguments) when there are no more.
    func step() throws -> Bool {
        next = 1
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: sqlite3_reset(statement); return false
        case let code: sqlite3_reset(statement); throw Self.error(code, connection)
        }
    }

    /// The current row's column as text; nil for NULL.
    func text(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, column) else { return nil }
        return String(
            decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column))),
            as: UTF8.self)
    }

    /// Whether the current row's column is exactly the text `other` (compared as bytes, without making a string).
    func text(_ column: Int32, equals other: String) -> Bool {
        guard let bytes = sqlite3_column_text(statement, column) else { return false }
        let count = Int(sqlite3_column_bytes(statement, column))
        var other = other
        return other.withUTF8 { $0.count == count && (count == 0 || memcmp($0.baseAddress!, bytes, count) == 0) }
    }

    /// The current row's column as an integer; nil for NULL.
    func integer(_ column: Int32) -> Int64? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, column)
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
