import Foundation
import GRDB
import LocalStore
import PostgresStore
import PostgresTestSupport
import StoreCore
import Testing
import UsageCore

/// Both stores' actual schemas, as their migrations leave them, hold the tables `StoreTables` describes: the same
/// columns with the same kinds and nullability, the same keys and the same indexes.
@Suite("One schema for both stores")
struct SchemaTests {
    /// A table as read from a database, in the description's terms.
    struct Actual: Equatable, CustomStringConvertible {
        var columns: Set<String>
        var primaryKey: [String]
        var unique: Set<[String]>
        var indexes: [String: [String]]

        var description: String { "columns \(columns.sorted()) key \(primaryKey) unique \(unique) indexes \(indexes)" }
    }

    @Test func theEmbeddedStoreHoldsTheDescribedTables() throws {
        let store = try TestStore()
        let queue = try DatabaseQueue(path: store.store.path)
        let actual = try queue.read { db in try Self.sqliteTables(db) }
        Self.expectDescribed(
            actual, as: StoreTables.tables, kinds: [.text: "TEXT", .integer: "INTEGER", .decimal: "TEXT"])
    }

    @Test(.enabled(if: TestPostgres.isInstalled, Comment(rawValue: TestPostgres.absent)))
    func thePostgresStoreHoldsTheDescribedTables() async throws {
        let (url, password) = try await TestPostgres.shared.freshDatabase()
        _ = try await PostgresUsageStore.open(try PostgresTarget(url: url, password: Secret(password)))
        let actual = try await Self.postgresTables(url)
        Self.expectDescribed(
            actual, as: StoreTables.postgresTables, kinds: [.text: "text", .integer: "bigint", .decimal: "numeric"])
    }

    /// Compares what a database holds with `tables`, each kind stored as `kinds` names it (a metric's position may
    /// be a smaller integer).
    static func expectDescribed(
        _ actual: [String: Actual], as tables: [StoreTables.Table], kinds: [StoreTables.Kind: String]
    ) {
        #expect(Set(actual.keys) == Set(tables.map(\.name)))
        for table in tables {
            let expected = Actual(
                columns: Set(table.columns.map { "\($0.name) \(kinds[$0.kind]!)\($0.nullable ? " null" : "")" }),
                primaryKey: table.primaryKey, unique: Set(table.unique), indexes: table.indexes)
            var found = actual[table.name]
            if table.name == "metric", kinds[.integer] == "bigint" {
                found?.columns.remove("position integer")
                found?.columns.insert("position bigint")
            }
            #expect(found == expected, "\(table.name)")
        }
    }

    /// Every table of an SQLite store but GRDB's own.
    static func sqliteTables(_ db: Database) throws -> [String: Actual] {
        let names = try String.fetchAll(
            db,
            sql:
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'"
        )
        var tables: [String: Actual] = [:]
        for name in names {
            let columns = try Row.fetchAll(
                db, sql: "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)", arguments: [name])
            var table = Actual(
                columns: Set(
                    columns.map { row in
                        let nullable = (row[2] as Int) == 0 && (row[3] as Int) == 0
                        return "\(row[0] as String) \((row[1] as String).uppercased())\(nullable ? " null" : "")"
                    }),
                primaryKey: columns.filter { ($0[3] as Int) > 0 }.sorted { ($0[3] as Int) < ($1[3] as Int) }.map {
                    $0[0]
                },
                unique: [], indexes: [:])
            for index in try Row.fetchAll(db, sql: "SELECT name, origin FROM pragma_index_list(?)", arguments: [name]) {
                let keys = try String.fetchAll(
                    db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno", arguments: [index[0] as String])
                switch index[1] as String {
                case "u": table.unique.insert(keys)
                case "c": table.indexes[index[0]] = keys
                default: break
                }
            }
            tables[name] = table
        }
        return tables
    }

    /// Every table of a PostgreSQL store but its migration log, read through the catalogue.
    static func postgresTables(_ url: String) async throws -> [String: Actual] {
        let columns = try await TestPostgres.shared.strings(
            """
            SELECT table_name || '|' || column_name || ' ' || data_type || CASE WHEN is_nullable = 'YES' THEN ' null' ELSE '' END
            FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> 'usagetop_migration'
            """, in: url)
        let indexes = try await TestPostgres.shared.strings(
            """
            SELECT t.relname || '|' || i.relname || '|' || CASE WHEN x.indisprimary THEN 'p' WHEN x.indisunique THEN 'u' ELSE 'c' END
                || '|' || array_to_string(ARRAY(
                    SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
                    JOIN pg_attribute AS a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.n), ',')
            FROM pg_index AS x JOIN pg_class AS t ON t.oid = x.indrelid JOIN pg_class AS i ON i.oid = x.indexrelid
            JOIN pg_namespace AS s ON s.oid = t.relnamespace
            WHERE s.nspname = current_schema() AND t.relname <> 'usagetop_migration'
            """, in: url)
        var tables: [String: Actual] = [:]
        for line in columns {
            let parts = line.split(separator: "|", maxSplits: 1).map(String.init)
            tables[parts[0], default: Actual(columns: [], primaryKey: [], unique: [], indexes: [:])].columns.insert(
                parts[1])
        }
        for line in indexes {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let keys = parts[3].split(separator: ",").map(String.init)
            switch parts[2] {
            case "p": tables[parts[0]]?.primaryKey = keys
            case "u": tables[parts[0]]?.unique.insert(keys)
            default: tables[parts[0]]?.indexes[parts[1]] = keys
            }
        }
        return tables
    }
}
