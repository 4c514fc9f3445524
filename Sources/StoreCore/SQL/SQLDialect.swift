/// Where the two stores' SQL differs, so a statement both run is written once: parameters (`?` against `$n`) and
/// exact decimals (text added by the embedded store's functions against PostgreSQL's `numeric`).
public enum SQLDialect: Sendable, Hashable {
    /// SQLite, with the store's `dec_*` functions.
    case sqlite
    /// PostgreSQL.
    case postgres

    /// The placeholder of parameter `number` (from 1).
    package func placeholder(_ number: Int) -> String {
        self == .sqlite ? "?" : "$\(number)"
    }

    /// A decimal column read as exact text.
    package func decimalText(_ column: String) -> String {
        self == .sqlite ? column : "\(column)::text"
    }

    /// A decimal parameter written from exact text.
    package func decimalParameter(_ placeholder: String) -> String {
        self == .sqlite ? placeholder : "\(placeholder)::numeric"
    }
}
