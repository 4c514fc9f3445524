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

    /// The table that holds each event's identity (subscription, transaction id): the events themselves in SQLite,
    /// `event_key` beside PostgreSQL's monthly partitions (whose unique keys must hold the month).
    package var eventIdentities: String { self == .sqlite ? "event" : "event_key" }

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

    /// A column of decimal text (an event's value) as a decimal.
    package func number(_ column: String) -> String { self == .sqlite ? column : "\(column)::numeric" }

    /// A decimal null, typed where the database wants a type for a union's columns.
    package var nullDecimal: String { self == .sqlite ? "NULL" : "NULL::numeric" }

    /// A row count that a union adds up with summed rollup counts (PostgreSQL sums `bigint` to `numeric`).
    package var rowCount: String { self == .sqlite ? "COUNT(*)" : "count(*)::numeric" }

    /// An integer result from a sum of counts.
    package func integer(_ expression: String) -> String {
        self == .sqlite ? expression : "(\(expression))::int8"
    }

    /// A table of the properties of the JSON object in `column`, one row per key (`key`, `value`), named `alias`: to
    /// follow `CROSS JOIN`.
    package func properties(of column: String, as alias: String) -> String {
        self == .sqlite ? "json_each(\(column)) AS \(alias)" : "LATERAL jsonb_each(\(column)::jsonb) AS \(alias)"
    }

    /// A property's value (a column of `properties`) as text, the way SQLite's `json_each` gives it: a string as
    /// itself, `true`/`false` as `1`/`0`, `null` as NULL, anything else as its JSON text.
    package func propertyText(_ value: String) -> String {
        guard self == .postgres else { return "CAST(\(value) AS TEXT)" }
        return """
            (CASE jsonb_typeof(\(value)) WHEN 'string' THEN \(value) #>> '{}' WHEN 'boolean' \
            THEN CASE WHEN \(value) = 'true'::jsonb THEN '1' ELSE '0' END WHEN 'null' THEN NULL ELSE (\(value))::text END)
            """
    }

    /// Whether the JSON object in `column` has the key `key` with the value `value` as text (placeholders).
    package func propertyEquals(_ column: String, _ key: String, _ value: String) -> String {
        self == .sqlite
            ? "EXISTS (SELECT 1 FROM json_each(\(column)) AS q WHERE q.key = \(key) AND CAST(q.value AS TEXT) = \(value))"
            : "\(propertyText("\(column)::jsonb -> \(key)")) = \(value)"
    }

    /// Whether `text` holds `part`, ignoring case.
    package func contains(_ text: String, _ part: String) -> String {
        "\(self == .sqlite ? "instr" : "strpos")(lower(\(text)), lower(\(part))) > 0"
    }
}
