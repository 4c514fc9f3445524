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

    /// The statement's rows, each column read as its kind. Prepared statements are kept in the connection's cache
    /// (preparing was most of a small read's time): every value, page bounds included, is a parameter, so a text
    /// varies only with the shape of the question (how many ranges and which pieces), a small set however long the
    /// dashboard runs.
    func rows(_ db: Database) throws -> [[SQLValue]] {
        try Row.fetchAll(db.cachedStatement(sql: text), arguments: sqliteArguments).map { row in
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
        try db.cachedStatement(sql: text).execute(arguments: sqliteArguments)
    }
}
