import Foundation
import HTTPTestSupport
import PostgresTestSupport
import Testing

/// `usagetop reconcile` against a Lago organisation (`LagoAccount`, which bills from its own events as lago-api does
/// and serves each subscription's plan) after `usagetop sync`: bills that disagree with their events in known ways
/// (events that reached Lago after last month was invoiced, events sent after a subscription ended, a bill that
/// counts events Lago does not list) are named exactly, with the unit and money differences, and the run exits 1;
/// bills that match exit 0.
@Suite("Reconcile against Lago", .serialized)
struct ReconcileEndToEndTests {
    static let key = "lago_reconcile_key_never_shown"
    static let day = 86_400.0
    static let now = Date()
    static let thisMonth = Calendar.utc.dateInterval(of: .month, for: now)!.start
    static let lastMonth = Calendar.utc.date(byAdding: .month, value: -1, to: thisMonth)!

    /// API calls at EUR 0.10 each; storage at EUR 0.25 per GB, split by region (eu, us; others at the default price).
    static let charges = [
        LagoAccount.Charge("ch_calls", metric: "api_calls"),
        LagoAccount.Charge("ch_gb", metric: "gb", filters: [["region": ["eu"]], ["region": ["us"]]], centsPerUnit: 25),
    ]

    /// Four customers subscribed since before last month: clean, late, gone (terminated on the 21st of last month)
    /// and wrong; each sent the same calls and storage last month.
    static func account(broken: Bool) -> LagoAccount {
        let started = lastMonth.addingTimeInterval(-40 * day)
        let ended = lastMonth.addingTimeInterval(20 * day)
        let names = ["clean", "late", "gone", "wrong"]
        let subscriptions = names.map { name in
            LagoAccount.Subscription(
                "sub_\(name)", customer: name, started: started, terminated: name == "gone" ? ended : nil,
                charges: charges)
        }
        var events: [LagoAccount.Event] = []
        for name in names {
            for i in 0..<12 {
                let at = lastMonth.addingTimeInterval(Double(i) * day + 3_600)
                events.append(.init("c\(i)", subscription: "sub_\(name)", code: "api_calls", at: at))
                let region = ["eu", "us", "ap"][i % 3]
                events.append(
                    .init(
                        "g\(i)", subscription: "sub_\(name)", code: "gb", at: at,
                        properties: ["gb": "\(i).5", "region": #""\#(region)""#]))
            }
        }
        let account = LagoAccount(
            customers: names.map { ($0, $0.capitalized) },
            metrics: [LagoAccount.Metric("api_calls", "count_agg"), LagoAccount.Metric("gb", "sum_agg", field: "gb")],
            subscriptions: subscriptions, events: events, now: now)
        guard broken else { return account }
        // Sent to gone's subscription after it ended: Lago keeps them and bills none.
        account.add(
            (0..<3).map {
                .init(
                    "after\($0)", subscription: "sub_gone", code: "api_calls",
                    at: ended.addingTimeInterval(Double($0 + 1) * day))
            })
        account.countUnlisted(2, subscription: "sub_wrong", metric: "api_calls")
        account.closeInvoices()
        // Reach Lago after last month was invoiced, stamped inside it.
        account.add(
            (0..<4).map {
                .init(
                    "late\($0)", subscription: "sub_late", code: "api_calls",
                    at: lastMonth.addingTimeInterval(Double($0) * day + 7_200))
            })
        return account
    }

    static func run(_ server: TestHTTPServer, _ arguments: [String], db: String, environment: [String: String])
        async throws -> Program.Output
    {
        try await Program.run(
            Tmux.binary,
            arguments + ["--provider", "lago", "--base-url", server.baseURL + "/api/v1", "--db", db],
            extra: environment.merging(["LAGO_API_KEY": key]) { a, _ in a })
    }

    static func lines(_ json: String) throws -> (customers: [[String: Any]], lines: [[String: Any]]) {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return (object["customers"] as? [[String: Any]] ?? [], object["lines"] as? [[String: Any]] ?? [])
    }

    @Test(arguments: StoreKind.available)
    func billsThatDisagreeWithTheirEventsAreNamedWithTheirDifferences(kind: StoreKind) async throws {
        let server = try TestHTTPServer(route: Self.account(broken: true).answer)
        let (db, environment) = try await SyncEndToEndTests.store(kind)
        let since = "--since=\(LagoAccount.iso(Self.lastMonth).prefix(10))"
        let synced = try await Self.run(server, ["sync", since], db: db, environment: environment)
        #expect(synced.stdout.contains("verified "), "\(synced.stdout)\(synced.stderr)")
        let out = try await Self.run(
            server, ["reconcile", "--all", "--period", "last-month", "--format", "json"], db: db,
            environment: environment)
        #expect(out.status == 1, "\(out.stdout)\(out.stderr)")
        let (customers, lines) = try Self.lines(out.stdout)
        #expect(customers.map { $0["customer"] as? String } == ["late", "gone", "wrong"], "\(out.stdout)")
        #expect(customers.map { "\($0["money_difference"] ?? "")" } == ["0.4", "0.3", "0.2"], "\(customers)")
        let differing = lines.filter { $0["agrees"] as? String == "no" }
        let named = differing.map {
            "\($0["customer"] ?? "") \($0["metric"] ?? "") \($0["period_start"] ?? "") \($0["unit_difference"] ?? "") \($0["difference"] ?? "")"
        }
        let start = LagoAccount.iso(Self.lastMonth),
            ended = LagoAccount.iso(Self.lastMonth.addingTimeInterval(20 * Self.day))
        #expect(
            named == [
                "late api_calls \(start) 4 0.4", "gone api_calls \(ended) 3 0.3", "wrong api_calls \(start) -2 -0.2",
            ], "\(named)")
        let causes = differing.map { $0["cause"] as? String ?? "" }
        #expect(causes[0].contains("late events"), "\(causes)")
        #expect(causes[1].contains("after the subscription's last billed period ended"), "\(causes)")
        #expect(causes[2].contains("the bill counts 2 units its events do not hold"), "\(causes)")
        // Every other charge agrees, storage split by region included, re-priced from the plan Lago serves.
        let agreeing = lines.filter { $0["agrees"] as? String == "yes" }
        #expect(agreeing.count == 6 && agreeing.allSatisfy { "\($0["repriced"] ?? "")" == "\($0["billed"] ?? "")" })
        #expect(
            agreeing.contains { $0["metric"] as? String == "gb" && "\($0["billed"] ?? "")" == "18.0" }, "\(agreeing)")
        let table = try await Self.run(
            server, ["reconcile", "--period", "last-month"], db: db, environment: environment)
        #expect(
            table.status == 1 && table.stdout.hasPrefix("reconcile ")
                && table.stdout.contains("3 differ (3 customers, EUR 0.90 of differences)"), "\(table.stdout)")
        #expect(!(out.stdout + out.stderr + table.stdout + table.stderr).contains(Self.key))
        // Each subscription's own plan (overrides included) is read where Lago's show gives it.
        #expect(
            server.requests.contains {
                $0.path == "/api/v1/subscriptions/sub_gone" && $0.query["status"] == "terminated"
            })
    }

    @Test func billsThatMatchTheirEventsExitZero() async throws {
        let server = try TestHTTPServer(route: Self.account(broken: false).answer)
        let db = try SyncEndToEndTests.folder() + "/lago.sqlite"
        let since = "--since=\(LagoAccount.iso(Self.lastMonth).prefix(10))"
        #expect(try await Self.run(server, ["sync", since], db: db, environment: [:]).status == 0)
        let out = try await Self.run(
            server, ["reconcile", "--customer", "late", "--period", "last-month"], db: db, environment: [:])
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        #expect(
            out.stdout.hasPrefix("reconcile ") && out.stdout.contains("2 charges checked, all agree"), "\(out.stdout)")
    }

    /// The demo keeps last month's bills and its plan: one customer was billed 25 calls its events lack.
    @Test func theDemoStoreNamesTheCustomerWhoseBillDisagrees() async throws {
        let db = try SyncEndToEndTests.folder() + "/demo.sqlite"
        _ = try await Program.run(Tmux.binary, ["demo", "--db", db, "--customers", "12", "--days", "70"])
        let out = try await Program.run(
            Tmux.binary, ["reconcile", "--db", db, "--period", "last-month", "--format", "json"])
        #expect(out.status == 1, "\(out.stderr)")
        let (customers, lines) = try Self.lines(out.stdout)
        #expect(customers.map { $0["customer"] as? String } == ["cus_00003"], "\(out.stdout)")
        let differing = try #require(lines.first { $0["agrees"] as? String == "no" })
        #expect("\(differing["unit_difference"] ?? "")" == "-25" && lines.count == 12, "\(differing)")
        let one = try await Program.run(
            Tmux.binary, ["reconcile", "--db", db, "--period", "last-month", "--customer", "cus_00001"])
        #expect(one.status == 0 && one.stdout.contains("1 charge checked, all agree"), "\(one.stdout)")
    }

    @Test func aStoreNeverSyncedSaysWhatToRunFirst() async throws {
        let db = try SyncEndToEndTests.folder() + "/empty.sqlite"
        _ = try await Program.run(Tmux.binary, ["demo", "--db", db, "--customers", "3", "--days", "2"])
        let out = try await Program.run(Tmux.binary, ["reconcile", "--db", db, "--period", "last-month"])
        #expect(
            out.status == 1 && out.stderr.contains("first (reconcile checks the bills sync keeps)"), "\(out.stderr)")
    }
}

extension Calendar {
    /// The Gregorian calendar in UTC.
    static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }
}
