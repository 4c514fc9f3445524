import Foundation
import HTTPTestSupport
import LocalStore
import Logging
import RemoteProviders
import Testing
import UsageCore

@testable import StoreSync

/// What a sync pass learns from Lago's organisation-wide event counts (`ChangeScan`), against a brute force over the
/// organisation's events, and when a pass reads every customer anyway.
@Suite("Sync by what changed")
struct ChangeScanTests {
    static let day = 86_400.0

    /// Customers `c0`…, one subscription each, events at seeded times over the last 20 days.
    static func account(customers: Int, events: Int, now: Date, seed: UInt64, weighted: Bool = false) -> LagoAccount {
        var random = SeededRandom(seed: seed)
        var metrics = [LagoAccount.Metric("api_calls", "count_agg")]
        var charges = [LagoAccount.Charge("ch_calls", metric: "api_calls")]
        if weighted {
            metrics.append(LagoAccount.Metric("seats", "weighted_sum_agg", field: "seats"))
            charges.append(LagoAccount.Charge("ch_seats", metric: "seats"))
        }
        return LagoAccount(
            customers: (0..<customers).map { ("c\($0)", "C\($0)") }, metrics: metrics,
            subscriptions: (0..<customers).map {
                LagoAccount.Subscription(
                    "s\($0)", customer: "c\($0)", started: now.addingTimeInterval(-90 * day), charges: charges)
            },
            events: (0..<events).map {
                LagoAccount.Event(
                    "e\($0)", subscription: "s\(random.next() % UInt64(customers))", code: "api_calls",
                    at: now.addingTimeInterval(-Double(random.next() % 1_728_000) - 1))
            }, now: now)
    }

    static func provider(_ server: TestHTTPServer) throws -> LagoProvider {
        let configuration = try APIConfiguration(
            providerName: "lago", baseURL: server.baseURL + "/api/v1", apiKey: Secret("scan-key"))
        return LagoProvider(
            api: APIClient(
                configuration: configuration, throttle: LagoProvider.descriptor.budget.throttle(share: 1),
                logger: Logger(label: "scan", factory: { _ in SwiftLogNoOpLogHandler() })))
    }

    /// Brute force: each hour's count of the events with timestamps in `[from, to)`.
    static func hours(_ events: [(event: LagoAccount.Event, customer: String)], from: Int64, to: Date) -> [Int64: Int] {
        var counts: [Int64: Int] = [:]
        for (event, _) in events where EventActivity.hour(of: event.at) >= from && event.at < to {
            counts[EventActivity.hour(of: event.at), default: 0] += 1
        }
        return counts
    }

    /// Brute force: the events of the hours in `hours` (every event when nil), as a scan lists them.
    static func listed(_ events: [(event: LagoAccount.Event, customer: String)], in hours: Set<Int64>?)
        -> Set<EventActivity.Listed>
    {
        Set(
            events.filter { hours?.contains(EventActivity.hour(of: $0.event.at)) ?? true }.map {
                EventActivity.Listed(
                    subscription: $0.event.subscription, transactionID: $0.event.id,
                    ms: UTCTime.milliseconds($0.event.at))
            })
    }

    /// Ten rounds of new events (recent ones and ones weeks late) on a seeded organisation: after each scan the hours
    /// it keeps are exactly the organisation's and the events it lists are exactly those of the hours that changed.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func everyScanKeepsLagosHoursAndListsTheEventsOfTheHoursThatChanged(seed: UInt64) async throws {
        let now = Date()
        let account = Self.account(customers: 40, events: 600, now: now, seed: seed)
        let server = try TestHTTPServer { account.answer($0) }
        let scan = ChangeScan(counter: try Self.provider(server))
        let window = Period(start: now.addingTimeInterval(-30 * Self.day), end: now)
        let first = EventActivity.hour(of: window.start)
        var all = account.allEvents()
        var outcome = try await scan.scan(kept: [:], window: window)
        #expect(outcome.hours == Self.hours(all, from: first, to: now))
        #expect(Set(outcome.events) == Self.listed(all, in: nil))
        var random = SeededRandom(seed: seed + 100)
        for round in 0..<10 {
            let added = (0..<Int(random.next() % 5)).map { n in
                let late = random.next() % 3 == 0
                let age = late ? Double(random.next() % 2_000_000) : Double(random.next() % 7_200)
                return LagoAccount.Event(
                    "r\(round)-\(n)", subscription: "s\(random.next() % 40)", code: "api_calls",
                    at: now.addingTimeInterval(-age - 1))
            }
            account.add(added)
            all = account.allEvents()
            let before = server.requests.count
            outcome = try await scan.scan(kept: outcome.hours, window: window)
            let changed = Set(added.map { EventActivity.hour(of: $0.at) })
            #expect(outcome.hours == Self.hours(all, from: first, to: now), "round \(round)")
            #expect(Set(outcome.events) == Self.listed(all, in: changed), "round \(round)")
            if added.isEmpty { #expect(server.requests.count - before == 1 && outcome.events.isEmpty) }
        }
    }

    /// Passes a second apart read no customer when nothing changed; the first pass of the next UTC day reads every
    /// customer when Lago keeps a metric of its own totals (a weighted sum grows without events), and not otherwise.
    @Test(arguments: [true, false])
    func theFirstPassOfADayReadsEveryCustomerWhenLagoKeepsItsOwnTotals(weighted: Bool) async throws {
        let now = Date()
        let account = Self.account(customers: 5, events: 40, now: now, seed: 9, weighted: weighted)
        let server = try TestHTTPServer { account.answer($0) }
        let folder = ProcessScratch.root.appendingPathComponent("scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let sync = ProviderSync(
            provider: try Self.provider(server), billing: .billingPeriods,
            store: try UsageStore(path: folder.appendingPathComponent("s.sqlite").path), source: "lago test")
        let since = now.addingTimeInterval(-25 * Self.day)
        var passes: [(whole: Bool, customers: Int)] = []
        for offset in [0, 1, Self.day, Self.day + 1] {
            let report = try await sync.run(since: since, now: now.addingTimeInterval(offset))
            passes.append((report.whole, report.customers))
        }
        let expected: [(Bool, Int)] = [(true, 5), (false, 0), weighted ? (true, 5) : (false, 0), (false, 0)]
        #expect(passes.map(\.whole) == expected.map(\.0) && passes.map(\.customers) == expected.map(\.1), "\(passes)")
    }
}
