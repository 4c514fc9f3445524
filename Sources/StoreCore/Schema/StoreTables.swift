/// The tables both stores hold, described once. The embedded store (`StoreSchema`) and the PostgreSQL one
/// (`PostgresSchema`) reach this shape through their own migrations, in their own dialects; a test reads both
/// stores' actual schemas and holds them to it.
package enum StoreTables {
    /// The customer id under which all-customer rollups are kept.
    package static let allCustomers = ""

    /// What a column holds.
    package enum Kind: String, Sendable, Hashable {
        /// Text (SQLite `TEXT`, PostgreSQL `text`).
        case text
        /// A 64-bit integer (SQLite `INTEGER`, PostgreSQL `bigint`; `integer` for a metric's position).
        case integer
        /// An exact decimal (SQLite `TEXT` added by the store's `dec_*` functions, PostgreSQL `numeric`).
        case decimal
    }

    /// A column: its name, what it holds and whether it may be null.
    package struct Column: Sendable, Hashable {
        package var name: String
        package var kind: Kind
        package var nullable: Bool
    }

    /// A table: its columns, primary key, unique keys and secondary indexes (name and columns).
    package struct Table: Sendable {
        package var name: String
        package var columns: [Column]
        package var primaryKey: [String]
        package var unique: [[String]] = []
        package var indexes: [String: [String]] = [:]
    }

    /// Every table of a store, as its latest migration leaves it.
    package static let tables: [Table] = [
        Table(name: "meta", columns: [text("key"), text("value")], primaryKey: ["key"]),
        Table(
            name: "metric",
            columns: [
                text("code"), text("name"), text("aggregation"), text("field", null: true), text("unit", null: true),
                integer("position"), text("billed_by", null: true),
            ], primaryKey: ["code"]),
        Table(
            name: "customer", columns: [text("id"), text("name"), text("currency", null: true)], primaryKey: ["id"]),
        Table(
            name: "event",
            columns: [
                integer("seq"), text("subscription_id"), text("transaction_id"), text("customer_id"),
                text("metric_code"),
                integer("ts_ms"), text("value", null: true), text("properties"),
            ], primaryKey: ["seq"], unique: [["subscription_id", "transaction_id"]],
            indexes: [
                "event_by_customer": ["customer_id", "metric_code", "ts_ms"],
                "event_by_metric": ["metric_code", "ts_ms"],
            ]),
        rollup("rollup_hour"), rollup("rollup_day"),
        distinct("distinct_hour"), distinct("distinct_day"),
        Table(
            name: "billed_total",
            columns: [
                text("metric_code"), text("customer_id"), text("source"), text("subscription"), text("charge_id"),
                text("charge"), integer("period_start_ms"), integer("period_end_ms"), integer("kept_day"),
                integer("taken_ms"), decimal("value"), integer("event_count", null: true),
                integer("amount_cents", null: true), text("currency", null: true),
            ],
            primaryKey: [
                "customer_id", "metric_code", "source", "subscription", "charge_id", "charge", "period_start_ms",
                "period_end_ms", "kept_day",
            ]),
    ]

    /// PostgreSQL's tables: the same, but its events are partitioned by month, and a partitioned table's unique keys
    /// must hold the month; so the events have no keys of their own, and each one's identity (subscription,
    /// transaction id) is kept with its `seq` in `event_key`.
    package static var postgresTables: [Table] {
        tables.map { table in
            guard table.name == "event" else { return table }
            var partitioned = table
            (partitioned.primaryKey, partitioned.unique) = ([], [])
            return partitioned
        }
            + [
                Table(
                    name: "event_key", columns: [text("subscription_id"), text("transaction_id"), integer("seq")],
                    primaryKey: ["subscription_id", "transaction_id"])
            ]
    }

    private static func rollup(_ name: String) -> Table {
        Table(
            name: name,
            columns: [
                text("metric_code"), text("customer_id"), integer("slot"), integer("event_count"),
                decimal("sum_value", null: true), decimal("max_value", null: true),
            ], primaryKey: ["metric_code", "customer_id", "slot"])
    }

    /// The distinct values of unique-count metrics in each slot (an hour or a day): a day's own rows, so that whole
    /// days of a period are read without their hours.
    private static func distinct(_ name: String) -> Table {
        Table(
            name: name, columns: [text("metric_code"), text("customer_id"), integer("slot"), text("value")],
            primaryKey: ["metric_code", "customer_id", "slot", "value"])
    }

    private static func text(_ name: String, null: Bool = false) -> Column {
        Column(name: name, kind: .text, nullable: null)
    }

    private static func integer(_ name: String, null: Bool = false) -> Column {
        Column(name: name, kind: .integer, nullable: null)
    }

    private static func decimal(_ name: String, null: Bool = false) -> Column {
        Column(name: name, kind: .decimal, nullable: null)
    }
}
