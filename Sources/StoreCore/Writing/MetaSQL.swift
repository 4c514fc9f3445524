import UsageCore

/// The store's own bookkeeping rows in `meta` (key and text value), the same on both stores: the plans sync keeps
/// (`PlanSQL`) and what sync learnt of each source at its last pass (`syncState`).
package enum MetaSQL {
    /// Keeps `value` under `key`, replacing what was kept.
    package static func upsert(key: String, value: String, in dialect: SQLDialect) -> SQLStatement {
        var sql = SQLStatement(dialect)
        sql.append(
            """
            INSERT INTO meta (key, value) VALUES (\(sql.bind(key)), \(sql.bind(value)))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """)
        return sql
    }

    /// The value kept under `key` (one text column, no row when none).
    package static func select(key: String, in dialect: SQLDialect) -> SQLStatement {
        var sql = SQLStatement(dialect)
        sql.append("SELECT value FROM meta WHERE key = \(sql.bind(key))")
        sql.columns = [.text]
        return sql
    }

    /// The key of what sync keeps of `source` between passes.
    package static func syncKey(_ source: String) -> String { "sync:" + source }
}
