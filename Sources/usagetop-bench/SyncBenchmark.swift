import Foundation
import HTTPTestSupport
import LocalStore
import Logging
import NIOCore
import RemoteProviders
import StoreSync
import UsageCore

/// `usagetop sync --whole` from a Lago-shaped server answering every call after 50 ms: a first copy of every
/// customer's events, then a second pass with nothing new reading every customer again, at the default half of the
/// rate budget (`ChangeSyncBenchmark` measures the passes that read only what changed). The
/// server bills each customer one period holding all its events (`current_usage`), which each pass checks its copy
/// against; it keeps no plans (a subscription's show answers 404).
enum SyncBenchmark {
    static func run(folder: URL, customers: Int, eventsPerCustomer: Int) async throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let now = Date()
        let server = try lago(customers: customers, events: eventsPerCustomer, now: now)
        let configuration = try APIConfiguration(
            providerName: "lago", baseURL: server.baseURL + "/api/v1", apiKey: Secret("bench-key"))
        let quiet = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let provider = LagoProvider(
            api: APIClient(
                configuration: configuration, throttle: LagoProvider.descriptor.budget.throttle(share: 0.5),
                logger: quiet))
        let path = folder.appendingPathComponent("sync-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let sync = ProviderSync(
            provider: provider, billing: LagoProvider.descriptor.billing, store: try UsageStore(path: path),
            source: "lago bench")
        let since = now.addingTimeInterval(-30 * 86_400)
        for pass in ["first copy", "whole pass (nothing new)"] {
            let clock = ContinuousClock(), start = clock.now, before = server.requests.count
            let report = try await sync.run(since: since, now: Date(), whole: true)
            let took = clock.now - start
            let elapsed = Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18
            print(
                pass.padding(toLength: 26, withPad: " ", startingAt: 0)
                    + String(
                        format:
                            "%d customers: %d events (%d new) in %.2f s = %.0f events/s; %d calls (the pass said %d) = %.1f calls/s",
                        customers, report.read, report.inserted, elapsed, Double(report.read) / elapsed,
                        server.requests.count - before, report.calls, Double(server.requests.count - before) / elapsed))
        }
    }

    /// One active subscription per customer, `events` count events each over the last 30 days, 100 a page.
    static func lago(customers: Int, events: Int, now: Date) throws -> TestHTTPServer {
        let latency = TimeAmount.milliseconds(50)
        let pages = max(1, (customers + 99) / 100)
        let newest = Int64(now.timeIntervalSince1970) - 60
        return try TestHTTPServer { request in
            let page = Int(request.query["page"] ?? "1") ?? 1
            switch request.path {
            case "/api/v1/customers":
                let items = ((page - 1) * 100..<min(page * 100, customers)).map {
                    #"{"external_id": "c\#($0)", "name": "Customer \#($0)"}"#
                }
                let next = page < pages ? String(page + 1) : "null"
                return .init(
                    body:
                        #"{"customers": [\#(items.joined(separator: ","))], "meta": {"next_page": \#(next), "total_count": \#(customers)}}"#,
                    delay: latency)
            case "/api/v1/billable_metrics":
                return .init(
                    body:
                        #"{"billable_metrics": [{"code": "calls", "name": "Calls", "aggregation_type": "count_agg"}], "meta": {"next_page": null}}"#,
                    delay: latency)
            case "/api/v1/subscriptions":
                let owner = request.query["external_customer_id"] ?? ""
                return .init(
                    body:
                        #"{"subscriptions": [{"external_id": "s-\#(owner)", "status": "active", "started_at": "2026-01-01T00:00:00Z"}], "meta": {"next_page": null}}"#,
                    delay: latency)
            case let path where path.hasPrefix("/api/v1/customers/") && path.hasSuffix("/current_usage"):
                // One billing period holding every event: Lago's own count, which a pass checks its copy against.
                let from = UTCTime.iso(Date(timeIntervalSince1970: Double(newest - 40 * 86_400)))
                let to = UTCTime.iso(Date(timeIntervalSince1970: Double(newest + 86_400)))
                return .init(
                    body:
                        #"{"customer_usage": {"from_datetime": "\#(from)", "to_datetime": "\#(to)", "currency": "EUR", "amount_cents": 0, "charges_usage": [{"units": "\#(events)", "events_count": \#(events), "amount_cents": 0, "amount_currency": "EUR", "charge": {"lago_id": "ch_calls", "code": "ch_calls", "charge_model": "standard"}, "billable_metric": {"lago_id": "bm_calls", "code": "calls", "name": "Calls", "aggregation_type": "count_agg"}, "filters": [], "grouped_usage": []}]}}"#,
                    delay: latency)
            case "/api/v1/events":
                let owner = (request.query["external_subscription_id"] ?? "").dropFirst(2)
                let size = Int(request.query["per_page"] ?? "100") ?? 100
                let from =
                    request.query["timestamp_from"].flatMap(ISO8601Parser.parse).map { Int64($0.timeIntervalSince1970) }
                    ?? .min
                let to =
                    request.query["timestamp_to"].flatMap(ISO8601Parser.parse).map { Int64($0.timeIntervalSince1970) }
                    ?? .max
                // Event n happened at newest - 2,000 n seconds: the ones in [from, to] are a range of n, newest first.
                let first = to >= newest ? 0 : Int((newest - to + 1_999) / 2_000)
                let last = min(events, from == .min ? events : Int((newest - from) / 2_000) + 1)
                let hits = max(0, last - first)
                let items = (first + (page - 1) * size..<min(first + page * size, last)).map { n in
                    let at = Date(timeIntervalSince1970: Double(newest - Int64(n) * 2_000))
                    return
                        #"{"transaction_id": "\#(owner)-\#(n)", "external_subscription_id": "s-\#(owner)", "code": "calls", "timestamp": "\#(UTCTime.iso(at))", "properties": {"region": "eu"}}"#
                }
                return .init(
                    body: #"{"events": [\#(items.joined(separator: ","))], "meta": {"total_count": \#(hits)}}"#,
                    delay: latency)
            default:
                return .init(status: .notFound, body: "{}", delay: latency)
            }
        }
    }
}
