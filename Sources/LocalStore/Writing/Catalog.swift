import GRDB
import StoreCore
import UsageCore

/// Writes metrics, customers and the store's origin marker inside a write transaction.
enum Catalog {
    /// Inserts or replaces metrics; new ones go after existing ones in display order.
    static func upsert(metrics: [Metric], in db: Database) throws {
        for metric in metrics { try CatalogSQL.upsert(metric, in: .sqlite).execute(db) }
    }

    /// Inserts or renames customers.
    static func upsert(customers: [Customer], in db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO customer (id, name, currency) VALUES (?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, currency = COALESCE(excluded.currency, currency)
                """)
        for customer in customers {
            try statement.execute(arguments: [customer.id, customer.name, customer.currency])
        }
    }

    /// Adds customers seen only in events, named by their id.
    static func ensure(customerIDs: some Sequence<String>, in db: Database) throws {
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO customer (id, name) VALUES (?, ?)")
        for id in customerIDs {
            try statement.execute(arguments: [id, id])
        }
    }

    /// Marks the store as holding generated (`demo`) or real (`ingested`) data.
    static func setOrigin(_ origin: String, in db: Database) throws {
        try db.execute(
            sql:
                "INSERT INTO meta (key, value) VALUES ('origin', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            arguments: [origin])
    }

    /// Counts one more committed change, so readers can tell in one query whether anything changed.
    static func bumpRevision(in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO meta (key, value) VALUES ('revision', '1')
                ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)
                """)
    }

    /// The change token: the store's generation and its change counter. The counter starts again when the store
    /// is emptied, the generation never repeats, so the token never repeats for different contents.
    static func revision(in db: Database) throws -> String {
        let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM meta WHERE key IN ('generation', 'revision')")
        let values = Dictionary(rows.map { ($0[0] as String, $0[1] as String) }, uniquingKeysWith: { a, _ in a })
        return "\(values["generation"] ?? "-"):\(values["revision"] ?? "0")"
    }

    /// Gives the store a new random generation.
    static func renewGeneration(in db: Database) throws {
        let generation = (0..<4).map { _ in String(UInt32.random(in: .min ... .max), radix: 16) }.joined()
        try db.execute(
            sql:
                "INSERT INTO meta (key, value) VALUES ('generation', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            arguments: [generation])
    }

    /// Removes every event, rollup, customer, metric and marker, and starts a new generation.
    static func clearAll(in db: Database) throws {
        for table in StoreTables.tables { try db.execute(sql: "DELETE FROM \(table.name)") }
        try renewGeneration(in: db)
    }

    /// Whether the store holds only generated demo data.
    static func isDemo(in db: Database) throws -> Bool {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'origin'") == "demo"
    }

    /// Known metrics by code.
    static func metricsByCode(in db: Database) throws -> [String: Metric] {
        Dictionary(try UsageStore.fetchMetrics(db).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
