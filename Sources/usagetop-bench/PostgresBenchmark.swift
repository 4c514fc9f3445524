import Foundation
import LocalStore
import PostgresStore
import StoreCore
import UsageCore

/// The PostgreSQL store next to the embedded one, in one sitting: ingest of the same million events against psql's
/// `COPY` of the same rows, and the store queries a dashboard makes on the same ten million events. It makes (and
/// drops again first) the databases `usagetop_bench_ingest`, `usagetop_bench_copy` and, once, `usagetop_bench_large`
/// on the server of `server` (a URL of any database there; the password from `PGPASSWORD`).
enum PostgresBenchmark {
    static let psql = "/usr/bin/psql"

    /// Ingest of `events` events into a new store, next to psql's `\copy` of the same rows into the event table as the
    /// store's migrations make it (its month's partition and indexes, no rollups), then of their identities into
    /// `event_key`, and into a plain table with a unique id: three rounds, each load into a database made afresh,
    /// medians printed.
    static func ingest(server: String, folder: URL, events: Int) async throws {
        guard FileManager.default.isExecutableFile(atPath: psql) else {
            print("psql not installed: apt-get install postgresql-client")
            return
        }
        // Its own files, named by their count: `--only ingest` writes files of its own size in `folder/ingest`.
        let ingestFolder = folder.appendingPathComponent("postgres-ingest")
        try FileManager.default.createDirectory(at: ingestFolder, withIntermediateDirectories: true)
        let jsonl = ingestFolder.appendingPathComponent("events-\(events).jsonl"),
            csv = ingestFolder.appendingPathComponent("events-\(events).csv")
        let keys = ingestFolder.appendingPathComponent("keys-\(events).csv")
        if ![jsonl, csv, keys].allSatisfy({ FileManager.default.fileExists(atPath: $0.path) }) {
            try IngestBenchmark.write(events: events, jsonl: jsonl, csv: csv)
            // Each event's identity (no subscription, its transaction id) and the `seq` a load would give it.
            try (0..<events).map { "\"\",tx-\($0),\($0 + 1)\n" }.joined().write(
                to: keys, atomically: false, encoding: .utf8)
        }
        print("\n### ingest into PostgreSQL (\(events) events; median of 3 rounds, each into a new database)")
        let metrics = [Metric(code: "compute_seconds", name: "Compute", aggregation: .sum, field: "seconds", unit: "s")]
        let clock = ContinuousClock()
        let names = [
            "usagetop ingest into PostgreSQL", "psql \\copy (CSV into usagetop's event table)",
            "psql \\copy (CSV into usagetop's event table, then the identities into event_key)",
            "psql \\copy (CSV into a plain table with a unique id)",
        ]
        var taken = Array(repeating: [Duration](), count: names.count)
        var inserted = 0
        let copyRows =
            "\\copy event (transaction_id, customer_id, metric_code, ts_ms, value, properties) FROM '\(csv.path)' CSV"
        for _ in 0..<3 {
            let fresh = try recreate("usagetop_bench_ingest", server: server)
            let store = try await PostgresUsageStore.open(
                try PostgresTarget(url: fresh, environment: ProcessInfo.processInfo.environment))
            taken[0].append(
                try await clock.measure {
                    inserted = try await store.ingest(
                        .file(jsonl.path), metrics: metrics, customers: [], skipInvalid: false
                    ).inserted
                })
            // The reference table is the store's own: a store opened on the database migrates it.
            let copy = try recreate("usagetop_bench_copy", server: server)
            _ = try await PostgresUsageStore.open(
                try PostgresTarget(url: copy, environment: ProcessInfo.processInfo.environment))
            // The month the rows fall in (November 2026) has its partition before the copy, as a load makes it.
            try IngestBenchmark.shell(psql, ["-q", copy, "-c", "SELECT usagetop_event_month(1793491200000)"])
            taken[1].append(try clock.measure { try IngestBenchmark.shell(psql, ["-q", copy, "-c", copyRows]) })
            let copyKeys = "\\copy event_key (subscription_id, transaction_id, seq) FROM '\(keys.path)' CSV"
            taken[2].append(
                taken[1].last! + (try clock.measure { try IngestBenchmark.shell(psql, ["-q", copy, "-c", copyKeys]) }))
            let plain = try recreate("usagetop_bench_copy", server: server)
            try IngestBenchmark.shell(psql, ["-q", plain, "-c", plainTable])
            taken[3].append(try clock.measure { try IngestBenchmark.shell(psql, ["-q", plain, "-c", copyRows]) })
        }
        for (index, name) in names.enumerated() {
            let median = taken[index].sorted()[taken[index].count / 2]
            print(IngestBenchmark.line(name, index == 0 ? inserted : events, median))
        }
    }

    /// The store queries a dashboard makes, on SQLite and on PostgreSQL over the same ten million events.
    static func queries(server: String, folder: URL, large: UsageStore, now: Date) async throws {
        print("\n### store queries, SQLite and PostgreSQL on the same events")
        let largeURL = try await loadLarge(server: server, from: large, folder: folder)
        let shared = try await PostgresUsageStore.open(
            try PostgresTarget(url: largeURL, environment: ProcessInfo.processInfo.environment))
        let sqlite = LocalProvider(store: large), postgres = PostgresProvider(store: shared)
        _ = try await Stopwatch.measure("sqlite: change token (an idle refresh)", runs: 200) {
            _ = try await sqlite.changeToken()
        }
        _ = try await Stopwatch.measure("postgres: change token (an idle refresh)", runs: 200) {
            _ = try await postgres.changeToken()
        }
        try await StoreBenchmarks.queries(provider: sqlite, now: now, label: "sqlite: ")
        try await StoreBenchmarks.queries(provider: postgres, now: now, label: "postgres: ")
    }

    /// The store queries a dashboard makes, on the PostgreSQL store of `url` as it is.
    static func queries(on url: String, now: Date) async throws {
        let store = try await PostgresUsageStore.open(
            try PostgresTarget(url: url, environment: ProcessInfo.processInfo.environment))
        let provider = PostgresProvider(store: store)
        print("\n### store queries on \(store.location)")
        _ = try await Stopwatch.measure("postgres: change token (an idle refresh)", runs: 200) {
            _ = try await provider.changeToken()
        }
        try await StoreBenchmarks.queries(provider: provider, now: now, label: "postgres: ")
    }

    /// The ten-million-event database, loaded once from the SQLite store's events through `usagetop ingest`'s path
    /// (timed), and reused while it holds as many events.
    private static func loadLarge(server: String, from large: UsageStore, folder: URL) async throws -> String {
        let largeURL = database("usagetop_bench_large", server: server)
        let wanted = try large.eventCount()
        try? IngestBenchmark.shell(
            psql, ["-q", url(of: server, "postgres"), "-c", "CREATE DATABASE usagetop_bench_large"])
        let store = try await PostgresUsageStore.open(
            try PostgresTarget(url: largeURL, environment: ProcessInfo.processInfo.environment))
        let held = try await PostgresProvider(store: store).totals(
            customerID: "", period: Period(start: .distantPast, end: .distantFuture))
        if held.contains(where: { ($0.eventCount ?? 0) > 0 }) {
            print("reusing usagetop_bench_large")
            return largeURL
        }
        let export = folder.appendingPathComponent("large.jsonl")
        print("exporting \(wanted) events to \(export.path) (one time)...")
        try IngestBenchmark.shell(
            "/bin/sh",
            [
                "-c",
                """
                sqlite3 '\(large.path)' "SELECT json_object('transaction_id', transaction_id, 'external_customer_id', customer_id, \
                'code', metric_code, 'timestamp', ts_ms / 1000.0, 'properties', json(properties)) FROM event" > '\(export.path)'
                """,
            ])
        let metrics = try large.metrics()
        let customers = try await LocalProvider(store: large).customers()
        let clock = ContinuousClock()
        var report = IngestReport()
        let took = try await clock.measure {
            report = try await store.ingest(
                .file(export.path), metrics: metrics, customers: customers, skipInvalid: false)
        }
        print(IngestBenchmark.line("usagetop ingest into PostgreSQL (the large store)", report.inserted, took))
        try? FileManager.default.removeItem(at: export)
        return largeURL
    }

    /// Drops and creates `name` on the server; returns its URL.
    private static func recreate(_ name: String, server: String) throws -> String {
        let admin = url(of: server, "postgres")
        try IngestBenchmark.shell(
            psql, ["-q", admin, "-c", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)", "-c", "CREATE DATABASE \(name)"])
        return database(name, server: server)
    }

    private static func database(_ name: String, server: String) -> String { url(of: server, name) }

    /// `server` with its database replaced by `name`.
    private static func url(of server: String, _ name: String) -> String {
        guard var parts = URLComponents(string: server) else { return server }
        parts.path = "/" + name
        return parts.string ?? server
    }

    private static let plainTable =
        "CREATE TABLE event (transaction_id text NOT NULL UNIQUE, customer_id text, metric_code text, ts_ms bigint, value text, properties text)"
}
