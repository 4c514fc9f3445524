import Logging
import PostgresNIO
import StoreCore

/// Runs statements written once for both stores (`CatalogSQL`, `BilledSQL`) on PostgreSQL.
extension SQLStatement {
    /// The statement with its parameters as postgres-nio sends them.
    var query: PostgresQuery {
        var binds = PostgresBindings()
        for argument in arguments {
            switch argument {
            case .text(let text): binds.append(text)
            case .integer(let integer): binds.append(integer)
            case .null: binds.appendNull()
            }
        }
        return PostgresQuery(unsafeSQL: text, binds: binds)
    }

    /// The statement's rows, each column decoded as its kind.
    func rows(on connection: PostgresConnection, logger: Logger) async throws -> [[SQLValue]] {
        var rows: [[SQLValue]] = []
        try await forEachRow(on: connection, logger: logger) { rows.append($0) }
        return rows
    }

    /// Each of the statement's rows, decoded as `rows` decodes them, handed to `body` as it arrives and not kept (a
    /// customers table's 100,000 rows are folded without holding them all).
    func forEachRow(on connection: PostgresConnection, logger: Logger, _ body: ([SQLValue]) throws -> Void)
        async throws
    {
        for try await row in try await connection.query(query, logger: logger) {
            let cells = row.makeRandomAccess()
            try body(
                try columns.indices.map { index in
                    switch columns[index] {
                    case .text: try cells[index].decode(String?.self).map(SQLValue.text) ?? .null
                    case .integer: try cells[index].decode(Int64?.self).map(SQLValue.integer) ?? .null
                    }
                })
        }
    }
}
