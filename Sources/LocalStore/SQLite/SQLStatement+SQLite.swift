import GRDB
import StoreCore

/// Runs statements written once for both stores (`CatalogSQL`, `BilledSQL`) on SQLite.
extension SQLStatement {
    /// The parameters as GRDB binds them.
    var sqliteArguments: StatementArguments {
        StatementArguments(
            arguments.map { value -> DatabaseValue in
                switch value {
                case .text(let text): text.databaseValue
                case .integer(let integer): integer.databaseValue
                case .null: .null
                }
            })
    }

    /// The statement's rows, each column read as its kind. The statement is prepared each time, not cached: texts
    /// vary with the ranges asked, and a connection's cache would keep every one of them for as long as it lives.
    func rows(_ db: Database) throws -> [[SQLValue]] {
        try Row.fetchAll(db.makeStatement(sql: text), arguments: sqliteArguments).map { row in
            columns.indices.map { index in
                let value: DatabaseValue = row[index]
                switch (value.storage, columns[index]) {
                case (.int64(let integer), .integer): return .integer(integer)
                case (.int64(let integer), .text): return .text(String(integer))
                case (.string(let text), .text): return .text(text)
                case (.string(let text), .integer): return Int64(text).map(SQLValue.integer) ?? .null
                default: return .null
                }
            }
        }
    }

    /// Runs the statement for its effect.
    func execute(_ db: Database) throws {
        try db.makeStatement(sql: text).execute(arguments: sqliteArguments)
    }
}
