import Foundation
import HTTPTestSupport
import Logging
import NIOCore
import RemoteProviders
import Synchronization
import UsageCore

/// The customers table from each provider behind a local server answering after 50 ms: time to the first rows and
/// to the whole table, requests made and the most in flight at once, against the same code run one call at a time
/// (the reference) in the same sitting. Hyperline and Prolifi run under their real rate budgets.
enum RemoteBenchmarks {
    /// One load's figures.
    struct Figures {
        var firstRows: Duration?
        var full: Duration
        var requests: Int
        var peak: Int
        var rows: Int
    }

    static let latency = TimeAmount.milliseconds(50)
    static let metric = Metric(code: "calls", name: "Calls", aggregation: .count)
    static let period = Period(
        start: ISO8601Parser.parse("2026-11-01T00:00:00Z")!, end: ISO8601Parser.parse("2026-12-01T00:00:00Z")!)

    /// Runs every provider at every size; the one-at-a-time reference only up to `sequentialUpTo` customers
    /// (beyond, its time is requests × latency, printed as an estimate).
    static func run(sizes: [Int], sequentialUpTo: Int, providers: [String] = ProviderRegistry.providers.map(\.name))
        async throws
    {
        print("provider   customers  mode        first rows   full table   requests  peak in flight")
        for size in sizes {
            for provider in providers {
                let fast = try await load(provider, customers: size, sequential: false)
                print(line(provider, size, "concurrent", fast))
                if size <= sequentialUpTo {
                    let slow = try await load(provider, customers: size, sequential: true)
                    print(line(provider, size, "sequential", slow))
                }
            }
        }
    }

    static func line(_ provider: String, _ size: Int, _ mode: String, _ f: Figures) -> String {
        func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: n, withPad: " ", startingAt: 0) }
        let first = f.firstRows.map(seconds) ?? "—"
        return pad(provider, 11) + pad(String(size), 11) + pad(mode, 12) + pad(first, 13) + pad(seconds(f.full), 13)
            + pad(String(f.requests), 10) + String(f.peak)
    }

    static func seconds(_ d: Duration) -> String {
        String(format: "%.2f s", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
    }

    /// One customers-table load; `sequential` is the reference: one call at a time and no bulk endpoint.
    static func load(_ provider: String, customers: Int, sequential: Bool) async throws -> Figures {
        guard let descriptor = ProviderRegistry.provider(named: provider) else {
            throw UsageError(.invalidInput, "no provider \(provider)")
        }
        let server: TestHTTPServer
        switch provider {
        case "lago": server = try RemoteServers.lago(customers: customers, latency: latency)
        case "hyperline":
            server = try RemoteServers.hyperline(customers: customers, latency: latency, bulk: !sequential)
        default: server = try RemoteServers.prolifi(customers: customers, latency: latency)
        }
        let throttle = (sequential ? descriptor.budget.sequential : descriptor.budget).throttle()
        let path = provider == "lago" ? "/api/v1" : ""
        let configuration = try APIConfiguration(
            providerName: provider, baseURL: server.baseURL + path, apiKey: Secret("bench-key"))
        let quiet = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let source = descriptor.make(APIClient(configuration: configuration, throttle: throttle, logger: quiet))
        let clock = ContinuousClock(), start = clock.now
        let first = Mutex<Duration?>(nil)
        let rows = try await source.summaries(
            metric: provider == "lago"
                ? metric : Metric(code: provider == "hyperline" ? "agg" : "api_call", name: "x", aggregation: .count),
            period: period, trailingDays: 1, now: period.end
        ) { report in
            if !report.rows.isEmpty { first.withLock { $0 = $0 ?? (clock.now - start) } }
        }
        let full = clock.now - start
        server.stop()
        return Figures(
            firstRows: first.withLock { $0 } ?? full, full: full, requests: server.requests.count,
            peak: server.peakInFlight,
            rows: rows.count)
    }
}
