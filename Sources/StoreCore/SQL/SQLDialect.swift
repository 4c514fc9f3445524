/// Where the two stores' SQL differs, so a statement both run is written once: parameters (`?n` against `$n`) and
/// exact decimals (text added by the embedded store's functions against PostgreSQL's `numeric`).
public enum SQLDialect: Sendable, Hashable {
    /// SQLite, with the store's `dec_*` functions.
    case sqlite
    /// PostgreSQL.
    case postgres

    /// The placeholder of parameter `number` (from 1), numbered in both so that one parameter may appear twice.
    package func placeholder(_ number: Int) -> String {
        self == .sqlite ? "?\(number)" : "$\(number)"
    }

    /// A decimal column read as exact text.
    package func decimalText(_ column: String) -> String {
        self == .sqlite ? column : "\(column)::text"
    }

    /// A decimal parameter written from exact text.
    package func decimalParameter(_ placeholder: String) -> String {
        self == .sqlite ? placeholder : "\(placeholder)::numeric"
    }

    /// The exact sum of a decimal column over a group.
    package func decimalSum(_ column: String) -> String {
        self == .sqlite ? "dec_sum(\(column))" : "sum(\(column))"
    }

    /// The exact maximum of a decimal column over a group.
    package func decimalMax(_ column: String) -> String {
        self == .sqlite ? "dec_max_agg(\(column))" : "max(\(column))"
    }

    /// An event's value as a decimal (kept as text in both stores).
    package var eventValue: String { self == .sqlite ? "value" : "value::numeric" }

    /// A decimal null, typed where the database wants a type for a union's columns.
    package var nullDecimal: String { self == .sqlite ? "NULL" : "NULL::numeric" }

    /// A row count that a union adds up with summed rollup counts (PostgreSQL sums `bigint` to `numeric`).
    package var rowCount: String { self == .sqlite ? "COUNT(*)" : "count(*)::numeric" }

    /// An integer result from a sum of counts.
    package func integer(_ expression: String) -> String {
        self == .sqlite ? expression : "(\(expression))::int8"
    }
}
