import PostgresNIO

/// A statement built piece by piece with numbered parameters: values always travel as parameters, never as text.
struct SQLText {
    private(set) var sql = ""
    private var binds = PostgresBindings()

    /// Appends SQL text (never a value from outside: those go through `bind`).
    mutating func append(_ text: String) {
        sql += text
    }

    /// Binds `value` and returns its placeholder (`$n`).
    mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    /// The statement to run.
    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }

    /// Another statement over the same parameters (a page and its count share a filter).
    func query(_ text: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: text, binds: binds)
    }
}
