import Foundation
import HTTPTestSupport
import LocalStore
import Logging
import NIOCore
import RemoteProviders
import StoreSync
import Synchronization
import UsageCore

/// `usagetop sync` passes after the first copy, over a Lago organisation (`LagoAccount`, which answers as lago-api
/// does) and a Hyperline account (`HyperlineAccount`) of many customers, each call answered after 50 ms: a quiet
/// pass, then a pass after 1,000 new events (most in the last hour, some sent days after their timestamps). The first
/// copy is made without the latency (it reads every customer; its calls are printed, as the cost every pass had
/// before sync asked the provider what changed).
enum ChangeSyncBenchmark {
    static func run(folder: URL, customers: Int) async throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let now = Date()
        let lago = account(customers: customers, now: now)
        print("lago:")
        try await passes(
            folder: folder, customers: customers, kind: LagoProvider.descriptor, path: "/api/v1", answer: lago.answer
        ) {
            LagoProvider(api: $0)
        } add: {
            lago.add(fresh(customers: customers, now: Date()))
        }
        let hyperline = hyperlineAccount(customers: customers, now: now)
        print("hyperline:")
        try await passes(
            folder: folder, customers: customers, kind: HyperlineProvider.descriptor, path: "", answer: hyperline.answer
        ) {
            HyperlineProvider(api: $0)
        } add: {
            hyperline.add(
                fresh(customers: customers, now: Date()).map {
                    HyperlineAccount.Event($0.id, customer: "c" + $0.subscription.dropFirst(), at: $0.at)
                })
        }
    }

    /// The first copy without latency or rate budget, then a quiet pass, a pass after `add`'s events and a quiet pass
    /// again, each call answered after 50 ms, at the default half of the provider's published budget.
    private static func passes(
        folder: URL, customers: Int, kind: ProviderDescriptor, path prefix: String,
        answer: @escaping @Sendable (TestHTTPServer.Request) -> TestHTTPServer.Reply,
        provider make: (APIClient) -> any UsageProvider & CallCounting, add: () -> Void
    ) async throws {
        let latency = Mutex(TimeAmount.zero)
        let server = try TestHTTPServer { request in
            var reply = answer(request)
            reply.delay = latency.withLock { $0 }
            return reply
        }
        let configuration = try APIConfiguration(
            providerName: kind.name, baseURL: server.baseURL + prefix, apiKey: Secret("bench-key"))
        let quiet = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let path = folder.appendingPathComponent("changes-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try UsageStore(path: path)
        // The first copy unthrottled (it only sets the store up), the passes measured at half the published budget.
        let unlimited = RateBudget(requests: 1_000_000, per: .seconds(1), maxConcurrent: 8).throttle(share: 1)
        let first = ProviderSync(
            provider: make(APIClient(configuration: configuration, throttle: unlimited, logger: quiet)),
            billing: kind.billing, store: store, source: "\(kind.name) bench")
        let sync = ProviderSync(
            provider: make(
                APIClient(configuration: configuration, throttle: kind.budget.throttle(share: 0.5), logger: quiet)),
            billing: kind.billing, store: store, source: "\(kind.name) bench")
        let since = Date().addingTimeInterval(-30 * 86_400)
        try await pass("first copy (no latency or budget)", first, server, since: since, customers: customers)
        latency.withLock { $0 = .milliseconds(50) }
        try await pass("quiet pass", sync, server, since: since, customers: customers)
        add()
        try await pass("1,000 new events", sync, server, since: since, customers: customers)
        try await pass("quiet pass again", sync, server, since: since, customers: customers)
    }

    /// Runs one pass and prints its calls and time.
    private static func pass(
        _ name: String, _ sync: ProviderSync, _ server: TestHTTPServer, since: Date, customers: Int
    ) async throws {
        let clock = ContinuousClock(), start = clock.now, before = server.requests.count
        let report = try await sync.run(since: since, now: Date())
        let took = clock.now - start
        let elapsed = Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18
        let calls = server.requests.count - before
        print(
            name.padding(toLength: 34, withPad: " ", startingAt: 0)
                + String(
                    format: "%d customers: %d read, %d events new; %d calls in %.2f s = %.1f calls/s%@", customers,
                    report.customers, report.inserted, calls, elapsed, Double(calls) / elapsed,
                    report.isClean ? "" : " (not clean: \(report.verification))"))
    }

    /// One subscription per customer, five events each over the last 30 days.
    static func account(customers: Int, now: Date) -> LagoAccount {
        let started = now.addingTimeInterval(-90 * 86_400)
        let charge = LagoAccount.Charge("ch_calls", metric: "api_calls")
        var random = SeededRandom(seed: 24)
        let events = (0..<customers * 5).map { n in
            LagoAccount.Event(
                "e\(n)", subscription: "s\(n % customers)", code: "api_calls",
                at: now.addingTimeInterval(-Double(random.next() % 2_592_000) - 60))
        }
        return LagoAccount(
            customers: (0..<customers).map { ("c\($0)", "Customer \($0)") },
            metrics: [LagoAccount.Metric("api_calls", "count_agg")],
            subscriptions: (0..<customers).map {
                LagoAccount.Subscription("s\($0)", customer: "c\($0)", started: started, charges: [charge])
            }, events: events, now: now)
    }

    /// Customer `c<i>` with five events over the last 30 days, as the Lago account holds them.
    static func hyperlineAccount(customers: Int, now: Date) -> HyperlineAccount {
        var random = SeededRandom(seed: 24)
        let events = (0..<customers * 5).map { n in
            HyperlineAccount.Event(
                "e\(n)", customer: "c\(n % customers)",
                at: now.addingTimeInterval(-Double(random.next() % 2_592_000) - 60))
        }
        return HyperlineAccount(customers: (0..<customers).map { "c\($0)" }, events: events)
    }

    /// 1,000 new events of random customers: 950 in the last hour, 50 sent up to a week after their timestamps.
    static func fresh(customers: Int, now: Date) -> [LagoAccount.Event] {
        var random = SeededRandom(seed: 7)
        return (0..<1_000).map { n in
            let age = n < 950 ? Double(random.next() % 3_000) + 30 : Double(random.next() % 604_800) + 3_600
            return LagoAccount.Event(
                "new\(n)", subscription: "s\(Int(random.next() % UInt64(customers)))", code: "api_calls",
                at: now.addingTimeInterval(-age))
        }
    }
}
