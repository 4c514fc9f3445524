import ArgumentParser
import Foundation
import LocalStore
import PostgresStore
import UsageCore

/// The benchmark harness behind BENCHMARKS.md. Light by default (rendering and filtering); the heavy runs (a
/// 10-million-event store of about 2.7 GB, a million-event ingest, provider servers) only when asked for.
@main
struct Benchmarks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usagetop-bench",
        abstract: "Measure usagetop's rendering, store queries, ingest and provider paths (see BENCHMARKS.md).",
        discussion: """
            With no --only and no --all, runs the light rendering and filtering benchmarks. The store benchmark \
            builds a store of --events events (10 million: about 2.7 GB and several minutes) in --dir, once.
            """)

    /// The benchmark groups.
    enum Group: String, ExpressibleByArgument, CaseIterable {
        case render, store, ingest, remote, sync, reconcile, postgres
    }

    @Option(help: "Run one group: render, store, ingest, remote, sync, reconcile or postgres.") var only: Group?
    @Option(
        help:
            "For --only postgres: a URL of any database on the server to use (password from PGPASSWORD); the benchmark makes and drops its own databases there."
    )
    var postgres: String?
    @Flag(help: "Run render, store and ingest (heavy: builds a large store).") var all = false
    @Option(help: "Events in the store benchmark's store.") var events = 10_000_000
    @Option(help: "Events in the ingest benchmark.") var ingest = 1_000_000
    @Option(help: "Folder for the stores the benchmarks build.") var dir = NSTemporaryDirectory() + "usagetop-bench"
    @Option(help: "An existing store to query instead of building one.") var store: String?
    @Option(help: "Customer counts for --only remote.") var customers = "100,1000,5000"
    @Option(help: "Up to how many customers --only remote also runs one call at a time.") var sequentialUpTo = 1_000
    @Option(help: "Providers for --only remote.") var providers = "lago,hyperline,prolifi"
    @Option(help: "Customers of the Lago and Hyperline accounts in --only sync's passes by what changed.")
    var syncCustomers =
        20_000
    @Flag(help: "For --only postgres: measure ingest only, without the 10-million-event store and its queries.")
    var ingestOnly = false
    @Option(
        help:
            "For --only postgres: measure the screens' queries on this store as it is (scripts/pg-scale.sh loads one), instead of ingest and the 10-million-event store."
    )
    var queriesOn: String?
    @Option(
        help:
            "Add every event of this PostgreSQL store to its empty rollups, through the store's own statements (scripts/pg-scale.sh, after its events are put in by SQL)."
    )
    var rollUp: String?

    func run() async throws {
        let groups: Set<Group> = only.map { [$0] } ?? (all ? [.render, .store, .ingest] : [.render])
        let folder = URL(fileURLWithPath: dir)
        let now = Date()
        print("usagetop benchmarks · \(ProcessInfo.processInfo.activeProcessorCount) cores · \(UTCTime.iso(now))")
        if groups.contains(.render) {
            print("\n## rendering and filtering")
            RenderBenchmarks.run()
        }
        if groups.contains(.store) {
            print("\n## store queries (\(events) events)")
            let path = store ?? folder.appendingPathComponent("large.sqlite").path
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let large = try StoreBenchmarks.largeStore(path: path, events: events, now: now)
            try await StoreBenchmarks.queries(store: large, now: now)
        }
        if groups.contains(.remote) {
            let sizes = customers.split(separator: ",").compactMap { Int($0) }
            print("\n## customers table from providers (50 ms per request)")
            try await RemoteBenchmarks.run(
                sizes: sizes, sequentialUpTo: sequentialUpTo,
                providers: providers.split(separator: ",").map(String.init))
        }
        if groups.contains(.sync) {
            print("\n## sync from a Lago-shaped server (50 ms per request, half the rate budget: 4 calls at once)")
            try await SyncBenchmark.run(folder: folder, customers: 200, eventsPerCustomer: 500)
            print("\n## sync passes after the first copy, by what changed (50 ms per request)")
            try await ChangeSyncBenchmark.run(folder: folder, customers: syncCustomers)
        }
        if groups.contains(.reconcile) {
            print("\n## reconcile --all on a synced store (1,000 customers, 100 events each)")
            try await ReconcileBenchmark.run(folder: folder, customers: 1_000, eventsPerCustomer: 100)
        }
        if groups.contains(.postgres) {
            guard let postgres else {
                throw ValidationError("--only postgres needs --postgres postgres://user@host/db")
            }
            print("\n## the PostgreSQL store")
            if let rollUp {
                let store = try await PostgresUsageStore.open(
                    try PostgresTarget(url: rollUp, environment: ProcessInfo.processInfo.environment))
                let took = try await ContinuousClock().measure { try await store.rollUpHeldEvents() }
                print("rolled up every event of \(store.location) in \(took)")
                return
            }
            if let queriesOn {
                try await PostgresBenchmark.queries(on: queriesOn, now: now)
                return
            }
            try await PostgresBenchmark.ingest(server: postgres, folder: folder, events: ingest)
            if !ingestOnly {
                let path = store ?? folder.appendingPathComponent("large.sqlite").path
                let large = try StoreBenchmarks.largeStore(path: path, events: events, now: now)
                try await PostgresBenchmark.queries(server: postgres, folder: folder, large: large, now: now)
            }
        }
        if groups.contains(.ingest) {
            print("\n## ingest (\(ingest) events)")
            try IngestBenchmark.run(folder: folder.appendingPathComponent("ingest"), events: ingest)
        }
        if only == nil, !all { print("\n(store, ingest, remote and sync run with --only GROUP, or --all)") }
    }
}
