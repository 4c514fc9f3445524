import Foundation
import LocalStore
import StoreCore
import UsageCore

/// Ingest throughput of `usagetop ingest` against sqlite3's `.import` of the same rows into a plain table.
enum IngestBenchmark {
    static func run(folder: URL, events: Int) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let jsonl = folder.appendingPathComponent("events.jsonl")
        let csv = folder.appendingPathComponent("events.csv")
        try write(events: events, jsonl: jsonl, csv: csv)
        let metrics = [Metric(code: "compute_seconds", name: "Compute", aggregation: .sum, field: "seconds", unit: "s")]
        let clock = ContinuousClock()
        let storePath = folder.appendingPathComponent("ingest.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) }
        let store = try UsageStore(path: storePath)
        var report = IngestReport()
        let ours = try clock.measure {
            report = try Ingestor(store: store).ingest(eventsPath: jsonl.path, metrics: metrics)
        }
        let reference = try sqliteImport(csv: csv, folder: folder, schema: plainSchema)
        let indexed = try sqliteImport(csv: csv, folder: folder, schema: indexedSchema)
        print(line("usagetop ingest (JSON Lines, rollups, dedup)", report.inserted, ours))
        if let reference { print(line("sqlite3 .import (CSV into a plain table)", events, reference)) }
        if let indexed { print(line("sqlite3 .import (CSV into usagetop's event table)", events, indexed)) }
        try narrow(folder: folder, events: events)
    }

    /// The same on narrow rows (id, customer, code, timestamp, one value), against `.import` into a table whose
    /// primary key is the transaction id.
    static func narrow(folder: URL, events: Int) throws {
        let jsonl = folder.appendingPathComponent("narrow.jsonl")
        let csv = folder.appendingPathComponent("narrow.csv")
        var json = "", text = ""
        json.reserveCapacity(events * 110)
        for i in 0..<events {
            let ts = 1_793_491_200 + i * 7 % 2_592_000
            json +=
                #"{"transaction_id": "tx-\#(i)", "external_customer_id": "cus_\#(i % 500)", "code": "gb", "timestamp": \#(ts), "properties": {"v": \#(i % 997)}}"#
                + "\n"
            text += "tx-\(i),cus_\(i % 500),gb,\(ts),\(i % 997)\n"
        }
        try json.write(to: jsonl, atomically: false, encoding: .utf8)
        try text.write(to: csv, atomically: false, encoding: .utf8)
        let storePath = folder.appendingPathComponent("narrow.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) }
        let store = try UsageStore(path: storePath)
        var report = IngestReport()
        let metrics = [Metric(code: "gb", name: "GB", aggregation: .sum, field: "v", unit: "GB")]
        let ours = try ContinuousClock().measure {
            report = try Ingestor(store: store).ingest(eventsPath: jsonl.path, metrics: metrics)
        }
        print(line("usagetop ingest, narrow rows", report.inserted, ours))
        if let reference = try sqliteImport(csv: csv, folder: folder, schema: narrowSchema) {
            print(line("sqlite3 .import, narrow rows (transaction id primary key)", events, reference))
            print(String(format: "narrow ratio: %.2f×", seconds(ours) / seconds(reference)))
        }
        if let sameTables = try sqliteLoadStoreTables(csv: csv, folder: folder) {
            print(line("sqlite3 into usagetop's tables, narrow rows (floor)", events, sameTables))
            print(String(format: "narrow ratio to the floor: %.2f×", seconds(ours) / seconds(sameTables)))
        }
    }

    /// Times sqlite3 writing what `usagetop ingest` writes for the narrow rows, by SQLite's own fastest means: a store
    /// made by usagetop (its schema, 16 KiB pages, WAL), the CSV imported into a temporary table, the events inserted
    /// in one statement with the two secondary indexes dropped and built after, and the hourly and daily rollups
    /// (each customer's and all customers') made by `GROUP BY`, all in one transaction with ingest's page cache. The
    /// floor for a store that keeps these tables; nil without sqlite3.
    private static func sqliteLoadStoreTables(csv: URL, folder: URL) throws -> Duration? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else { return nil }
        let db = folder.appendingPathComponent("reference-store.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        _ = try UsageStore(path: db)
        let rollups = [("rollup_hour", 3_600), ("rollup_day", 86_400)].flatMap { table, width in
            [("b", "GROUP BY 1, 2, 3"), ("''", "GROUP BY 1, 3")].map { customer, grouping in
                "INSERT INTO \(table) SELECT c, \(customer), d / \(width), count(*), CAST(sum(e) AS TEXT), "
                    + "CAST(max(e) AS TEXT) FROM raw \(grouping)"
            }
        }
        let arguments =
            [
                db, "PRAGMA cache_size = \(Ingestor.bulkCacheKiB)", "PRAGMA synchronous = NORMAL",
                "CREATE TEMP TABLE raw (a TEXT, b TEXT, c TEXT, d INTEGER, e INTEGER)", "BEGIN",
                ".import --csv \(csv.path) raw",
            ] + StoreSchema.secondaryEventIndexes.map { "DROP INDEX \($0.name)" }
            + [
                """
                INSERT INTO event (transaction_id, customer_id, metric_code, ts_ms, value, properties)
                SELECT a, b, c, d * 1000, e, '{"v": ' || e || '}' FROM raw
                """,
                "PRAGMA threads = 2",
            ] + StoreSchema.secondaryEventIndexes.map(\.create) + rollups + ["COMMIT"]
        return try ContinuousClock().measure { try shell("/usr/bin/sqlite3", arguments) }
    }

    private static func seconds(_ took: Duration) -> Double {
        Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18
    }

    /// Narrow rows with the transaction id as primary key.
    private static let narrowSchema =
        "CREATE TABLE event (transaction_id TEXT PRIMARY KEY, customer_id TEXT, code TEXT, ts INTEGER, value TEXT);"

    /// One result line: events and events per second.
    static func line(_ name: String, _ count: Int, _ took: Duration) -> String {
        let seconds = Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18
        let shown = name.count < 58 ? name.padding(toLength: 58, withPad: " ", startingAt: 0) : name
        return "\(shown) \(count) events in "
            + String(format: "%.2f s = %.0f events/s", seconds, Double(count) / seconds)
    }

    /// The same events as JSON Lines (for usagetop) and CSV (for the references).
    static func write(events: Int, jsonl: URL, csv: URL) throws {
        var json = "", text = ""
        json.reserveCapacity(events * 150)
        let base = 1_793_491_200
        for i in 0..<events {
            let ts = base + i * 7 % 2_592_000
            let seconds = "\(i % 997).\(i % 1000)"
            json +=
                #"{"transaction_id": "tx-\#(i)", "external_customer_id": "cus_\#(i % 500)", "code": "compute_seconds", "#
                + #""timestamp": \#(ts), "properties": {"seconds": \#(seconds), "region": "eu"}}"# + "\n"
            text +=
                "tx-\(i),cus_\(i % 500),compute_seconds,\(ts)000,\(seconds),\"{\"\"seconds\"\": \(seconds), \"\"region\"\": \"\"eu\"\"}\"\n"
        }
        try json.write(to: jsonl, atomically: false, encoding: .utf8)
        try text.write(to: csv, atomically: false, encoding: .utf8)
    }

    /// A plain table with a unique transaction id.
    private static let plainSchema =
        "CREATE TABLE event (transaction_id TEXT NOT NULL UNIQUE, customer_id TEXT, code TEXT, ts INTEGER, value TEXT, properties TEXT);"

    /// usagetop's own event table with its indexes (as the store's first migration makes it), in WAL mode with the
    /// page cache ingest uses; the CSV goes to a temporary table first, then into it in one statement.
    private static let indexedSchema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE event (
            seq INTEGER PRIMARY KEY, transaction_id TEXT NOT NULL UNIQUE, customer_id TEXT NOT NULL,
            metric_code TEXT NOT NULL, ts_ms INTEGER NOT NULL, value TEXT, properties TEXT NOT NULL);
        CREATE INDEX event_by_customer ON event(customer_id, metric_code, ts_ms);
        CREATE INDEX event_by_metric ON event(metric_code, ts_ms);
        """

    /// Times `sqlite3 db ".import --csv events.csv …"` into `schema`, or nil without sqlite3.
    private static func sqliteImport(csv: URL, folder: URL, schema: String) throws -> Duration? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else {
            print("sqlite3 not installed: reference skipped (apt-get install sqlite3)")
            return nil
        }
        let db = folder.appendingPathComponent("reference.sqlite").path
        try? FileManager.default.removeItem(atPath: db)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        try shell("/usr/bin/sqlite3", [db, schema])
        let arguments =
            schema == indexedSchema
            ? [
                db, "PRAGMA cache_size = -131072", "CREATE TEMP TABLE raw (a, b, c, d, e, f)",
                ".import --csv \(csv.path) raw",
                "INSERT INTO event (transaction_id, customer_id, metric_code, ts_ms, value, properties) SELECT * FROM raw",
            ]
            : [db, ".import --csv \(csv.path) event"]
        let clock = ContinuousClock()
        return try clock.measure { try shell("/usr/bin/sqlite3", arguments) }
    }

    /// Runs a program to completion with posix_spawn (Foundation's Process can hang in async code on Linux).
    /// Runs a program and waits for it (the benchmark harness, not the product: nothing else runs meanwhile).
    static func shell(_ path: String, _ arguments: [String]) throws {
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, nil, nil, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOENT) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }
}
