/// A statement in one dialect with its parameters and the kinds of its result's columns: values always travel as
/// parameters, never as text.
public struct SQLStatement: Sendable {
    /// The dialect the text is written in.
    package let dialect: SQLDialect
    /// The statement's text.
    package private(set) var text = ""
    /// The parameters, in placeholder order.
    package private(set) var arguments: [SQLValue] = []
    /// What each column of a row holds (none for a statement that returns no rows).
    package var columns: [SQLColumn] = []

    /// An empty statement in `dialect`.
    package init(_ dialect: SQLDialect) {
        self.dialect = dialect
    }

    /// Appends SQL text (never a value from outside: those go through `bind`).
    package mutating func append(_ sql: String) {
        text += sql
    }

    /// Binds `value` and returns its placeholder.
    package mutating func bind(_ value: SQLValue) -> String {
        arguments.append(value)
        return dialect.placeholder(arguments.count)
    }

    /// Binds text.
    package mutating func bind(_ value: String) -> String { bind(.text(value)) }

    /// Binds an integer.
    package mutating func bind(_ value: Int64) -> String { bind(.integer(value)) }

    /// Binds text or null.
    package mutating func bind(_ value: String?) -> String { bind(value.map(SQLValue.text) ?? .null) }

    /// Binds an integer or null.
    package mutating func bind(_ value: Int?) -> String { bind(value.map { SQLValue.integer(Int64($0)) } ?? .null) }
}
