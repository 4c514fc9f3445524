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

    static func run(server: String, folder: URL, large: UsageStore, events: Int, now: Date) async throws {
        guard FileManager.default.isExecutableFile(atPath: psql) else {
            print("psql not installed: apt-get install postgresql-client")
            return
        }
        let ingestFolder = folder.appendingPathComponent("ingest")
        try FileManager.default.createDirectory(at: ingestFolder, withIntermediateDirectories: true)
        let jsonl = ingestFolder.appendingPathComponent("events.jsonl"),
            csv = ingestFolder.appendingPathComponent("events.csv")
        if !FileManager.default.fileExists(atPath: jsonl.path) {
            try IngestBenchmark.write(events: events, jsonl: jsonl, csv: csv)
        }
        print("\n### ingest into PostgreSQL (\(events) events)")
        let metrics = [Metric(code: "compute_seconds", name: "Compute", aggregation: .sum, field: "seconds", unit: "s")]
        let fresh = try recreate("usagetop_bench_ingest", server: server)
        let store = try await PostgresUsageStore.open(
            try PostgresTarget(url: fresh, environment: ProcessInfo.processInfo.environment))
        let clock = ContinuousClock()
        var report = IngestReport()
        let ours = try await clock.measure {
            report = try await store.ingest(.file(jsonl.path), metrics: metrics, customers: [], skipInvalid: false)
        }
        print(IngestBenchmark.line("usagetop ingest into PostgreSQL", report.inserted, ours))
        let copy = try recreate("usagetop_bench_copy", server: server)
        for (name, table) in [
            ("psql \\copy (CSV into a plain table)", plainTable),
            ("psql \\copy (CSV into usagetop's event table)", eventTable),
        ] {
            try IngestBenchmark.shell(psql, ["-q", copy, "-c", "DROP TABLE IF EXISTS event", "-c", table])
            let took = try clock.measure {
                try IngestBenchmark.shell(
                    psql,
                    [
                        "-q", copy, "-c",
                        "\\copy event (transaction_id, customer_id, metric_code, ts_ms, value, properties) FROM '\(csv.path)' CSV",
                    ])
            }
            print(IngestBenchmark.line(name, events, took))
        }
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
            psql, ["-q", admin, "-c", "DROP DATABASE IF EXISTS \(name)", "-c", "CREATE DATABASE \(name)"])
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

    /// usagetop's event table as `PostgresSchema` makes it, with its indexes.
    private static let eventTable = """
        CREATE TABLE event (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, transaction_id text COLLATE "C" NOT NULL UNIQUE,
            customer_id text COLLATE "C" NOT NULL, metric_code text COLLATE "C" NOT NULL, ts_ms bigint NOT NULL,
            value text COLLATE "C", properties text NOT NULL);
        CREATE INDEX event_by_customer ON event (customer_id, metric_code, ts_ms);
        CREATE INDEX event_by_metric ON event (metric_code, ts_ms)
        """
}
