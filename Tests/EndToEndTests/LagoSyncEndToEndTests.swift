import Foundation
import HTTPTestSupport
import PostgresTestSupport
import Testing

/// `usagetop sync` from a Lago organisation (`LagoAccount`, which answers from its own events as lago-api does):
/// the copy is checked against Lago's own numbers on every pass, and the store then gives, for every customer,
/// exactly what Lago bills: subscriptions with different billing periods, the same transaction id on two
/// subscriptions and two customers, events after a subscription ended, events that reach Lago late.
@Suite("Sync from Lago", .serialized)
struct LagoSyncEndToEndTests {
    static let key = "lago_sync_key_never_shown"
    static let day = 86_400.0
    static let now = Date()
    static let today = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / day).rounded(.down) * day)

    static let metrics = [
        LagoAccount.Metric("api_calls", "count_agg"), LagoAccount.Metric("gb", "sum_agg", field: "gb"),
        LagoAccount.Metric("peak", "max_agg", field: "v"),
        LagoAccount.Metric("seats", "weighted_sum_agg", field: "seats"),
    ]

    /// Every plan's charges: calls split by region (two filters and one on two keys, events matching none in the
    /// default bucket), storage and peak plain, seats (a weighted sum, kept as Lago's own totals).
    static let charges = [
        LagoAccount.Charge(
            "ch_calls", metric: "api_calls",
            filters: [["region": ["us"]], ["region": ["eu"]], ["region": ["us"], "tier": ["gold"]]]),
        LagoAccount.Charge("ch_gb", metric: "gb", centsPerUnit: 25), LagoAccount.Charge("ch_peak", metric: "peak"),
        LagoAccount.Charge("ch_seats", metric: "seats", centsPerUnit: 100),
    ]

    /// acme moved from an old plan (ended ten days ago; events still sent to it after that) to an anniversary one;
    /// globex reuses acme's transaction ids; hooli has two subscriptions of the same plan and period reusing each
    /// other's ids; initech has a calendar and an anniversary subscription.
    static func account(extra: [LagoAccount.Event] = []) -> LagoAccount {
        let ended = today.addingTimeInterval(-10 * day), long = today.addingTimeInterval(-80 * day)
        let subscriptions = [
            LagoAccount.Subscription(
                "sub_acme_old", customer: "acme", started: long, terminated: ended, charges: charges),
            LagoAccount.Subscription(
                "sub_acme_new", customer: "acme", started: ended, billing: .anniversary, charges: charges),
            LagoAccount.Subscription("sub_globex", customer: "globex", started: long, charges: charges),
            LagoAccount.Subscription("sub_hooli_1", customer: "hooli", started: long, charges: charges),
            LagoAccount.Subscription("sub_hooli_2", customer: "hooli", started: long, charges: charges),
            LagoAccount.Subscription("sub_initech_cal", customer: "initech", started: long, charges: charges),
            LagoAccount.Subscription(
                "sub_initech_ann", customer: "initech", started: anniversary, billing: .anniversary, charges: charges),
        ]
        var events: [LagoAccount.Event] = []
        for i in 0..<360 {
            let at = now.addingTimeInterval(-Double(i) * 7_100 - 90)
            let code = ["api_calls", "gb", "peak", "seats"][i % 4]
            let properties: [String: String] =
                switch code {
                case "api_calls":
                    [
                        "region": i % 5 == 0 ? #""ap""# : i % 3 == 0 ? #""eu""# : #""us""#,
                        "tier": i % 7 == 0 ? #""gold""# : #""free""#,
                    ]
                case "gb": ["gb": "\(i % 9).\(i % 4)5"]
                case "peak": ["v": "\(i % 13).5"]
                default: ["seats": "\(i % 6)"]
                }
            let acme = at < ended ? "sub_acme_old" : "sub_acme_new"
            events.append(LagoAccount.Event("tx_\(i)", subscription: acme, code: code, at: at, properties: properties))
            events.append(
                LagoAccount.Event("tx_\(i)", subscription: "sub_globex", code: code, at: at, properties: properties))
            events.append(
                LagoAccount.Event(
                    "tx_\(i)", subscription: i % 2 == 0 ? "sub_hooli_1" : "sub_hooli_2", code: code, at: at,
                    properties: properties))
            if i % 3 == 0 {
                events.append(
                    LagoAccount.Event(
                        "tx_\(i)", subscription: "sub_hooli_2", code: code, at: at.addingTimeInterval(-30),
                        properties: properties))
            }
            events.append(
                LagoAccount.Event(
                    "tx_\(i)", subscription: i % 2 == 0 ? "sub_initech_cal" : "sub_initech_ann", code: code,
                    at: at, properties: properties))
        }
        // Sent to acme's old subscription after it ended: Lago keeps them and bills none.
        for i in 0..<12 {
            events.append(
                LagoAccount.Event(
                    "late_old_\(i)", subscription: "sub_acme_old", code: "api_calls",
                    at: ended.addingTimeInterval(Double(i) * 3_600 + 60), properties: ["region": #""eu""#]))
        }
        return LagoAccount(
            customers: [("acme", "Acme"), ("globex", "Globex"), ("hooli", "Hooli"), ("initech", "Initech")],
            metrics: metrics,
            subscriptions: subscriptions, events: events + extra, now: now)
    }

    static func server(_ account: LagoAccount, failAfterEventPages: Int? = nil) throws -> TestHTTPServer {
        let pages = CallCounter()
        return try TestHTTPServer { request in
            if request.path == "/api/v1/events" {
                pages.add()
                if let limit = failAfterEventPages, pages.value > limit {
                    return .init(status: .serviceUnavailable, body: #"{"status": 503, "error": "outage"}"#)
                }
            }
            return account.answer(request)
        }
    }

    static func sync(_ server: TestHTTPServer, db: String, since: String = "-30d", environment: [String: String] = [:])
        async throws -> Program.Output
    {
        try await Program.run(
            Tmux.binary,
            [
                "sync", "--provider", "lago", "--base-url", server.baseURL + "/api/v1", "--db", db, "--since=\(since)",
            ], extra: environment.merging(["LAGO_API_KEY": key]) { a, _ in a })
    }

    /// The store's total of `metric` for a customer over `[start, end)`.
    static func stored(
        _ metric: String, customer: String, start: Date, end: Date, db: String, environment: [String: String] = [:]
    )
        async throws -> Decimal?
    {
        let out = try await Program.run(
            Tmux.binary,
            [
                "snapshot", "--db", db, "--customer", customer, "--from", LagoAccount.iso(start), "--to",
                LagoAccount.iso(end),
                "--format", "json",
            ], extra: environment)
        let metrics =
            (try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])?["metrics"]
            as? [[String: Any]]
        let row = metrics?.first { $0["id"] as? String == metric && $0["billed_by"] is NSNull }
        return row?["total"].flatMap { Decimal(string: "\($0)") }
    }

    static let customers = ["acme", "globex", "hooli", "initech"]

    /// Mid-month, 47 days before this month began: its anniversary periods never coincide with calendar months.
    static var anniversary: Date {
        Calendar(identifier: .gregorian).dateInterval(of: .month, for: now)!.start.addingTimeInterval(-47 * day)
    }

    /// The customers table of seats (kept as Lago's own totals) for last month: a customer whose subscriptions' billing
    /// periods differ is a row per subscription, named, each its period's number; one whose subscriptions share their
    /// periods is one row, their sum.
    @Test func theCustomersTableNeverAddsPeriodsNobodyBilledTogether() async throws {
        let account = Self.account()
        let db = try SyncEndToEndTests.folder() + "/lago.sqlite"
        #expect(try await Self.sync(try Self.server(account), db: db, since: "-70d").status == 0)
        let out = try await Program.run(
            Tmux.binary, ["customers", "--db", db, "--metric", "seats", "--period", "last-month", "--format", "json"])
        let rows =
            (try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])?["customers"]
            as? [[String: Any]] ?? []
        let initech = rows.filter { $0["id"] as? String == "initech" }
        #expect(
            initech.map { $0["subscription"] as? String } == ["sub_initech_ann", "sub_initech_cal"], "\(out.stdout)")
        for row in initech {
            let period = try #require((row["periods"] as? [[String: String]])?.first)
            let (start, end) = (try #require(Self.date(period["start"])), try #require(Self.date(period["end"])))
            let subscription = try #require(row["subscription"] as? String)
            #expect(
                Decimal(string: "\(row["total"] ?? "")")
                    == account.units(subscription: subscription, metric: "seats", start: start, end: end),
                "\(subscription) \(period)")
        }
        let hooli = rows.filter { $0["id"] as? String == "hooli" }
        #expect(hooli.count == 1 && hooli.first?["subscription"] is NSNull, "the same periods add up: \(hooli)")
    }

    static func date(_ text: String?) -> Date? {
        let formatter = ISO8601DateFormatter()
        return text.flatMap { formatter.date(from: $0) }
    }

    @Test(arguments: StoreKind.available)
    func aSyncProvesItsCopyAndTheStoreGivesWhatLagoBills(kind: StoreKind) async throws {
        let account = Self.account()
        let server = try Self.server(account)
        let (db, environment) = try await SyncEndToEndTests.store(kind)
        let first = try await Self.sync(server, db: db, environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        let verified = first.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(
            verified.hasPrefix("verified ") && verified.hasSuffix(" customer-metric-periods against lago: all agree"),
            "\(first.stdout)")
        #expect(first.stderr.contains("seats: events not copied (a weighted_sum aggregation"), "\(first.stderr)")
        // Every day of the last fortnight and the whole window, for every customer and copied metric: what Lago bills.
        var stretches = (0..<14).map {
            (
                Self.today.addingTimeInterval(-Double($0) * Self.day),
                Self.today.addingTimeInterval(-Double($0 - 1) * Self.day)
            )
        }
        stretches.append((Self.today.addingTimeInterval(-25 * Self.day), Self.today.addingTimeInterval(Self.day)))
        for customer in Self.customers {
            for code in ["api_calls", "gb", "peak"] {
                for (start, end) in stretches.prefix(3) + stretches.suffix(1) {
                    let store = try await Self.stored(
                        code, customer: customer, start: start, end: end, db: db, environment: environment)
                    let lago = account.billed(customer: customer, metric: code, start: start, end: end)
                    #expect(
                        store == lago,
                        "\(customer) \(code) \(start)…\(end): store \(String(describing: store)), lago \(lago)")
                }
            }
        }
        let again = try await Self.sync(server, db: db, environment: environment)
        #expect(
            again.status == 0 && again.stdout.contains("(0 new)") && again.stdout.contains(": all agree"),
            "\(again.stdout)")
        let before = server.requests.count
        let subscriptions = { server.requests.filter { $0.path == "/api/v1/subscriptions" }.count }
        #expect(!(first.stdout + first.stderr + again.stderr).contains(Self.key))
        let quiet = try await Self.sync(server, db: db, environment: environment)
        let asked = server.requests.dropFirst(before).filter { $0.path == "/api/v1/events" }
        #expect(
            asked.count == 1 && asked.first?.query["per_page"] == "1",
            "a quiet pass counts lago's events once and reads none: \(asked.map(\.uri)) \(quiet.stdout)")
        #expect(quiet.stdout.contains("none new since the last pass: all agree"), "\(quiet.stdout)")
        // --whole reads every customer again: each one's subscriptions are listed once, not once per metric.
        let listingsBefore = subscriptions()
        let whole = try await Program.run(
            Tmux.binary,
            [
                "sync", "--provider", "lago", "--base-url", server.baseURL + "/api/v1", "--db", db, "--whole",
            ], extra: environment.merging(["LAGO_API_KEY": Self.key]) { a, _ in a })
        #expect(whole.status == 0 && whole.stdout.contains("for 4 customers in"), "\(whole.stdout)\(whole.stderr)")
        #expect(
            subscriptions() - listingsBefore == Self.customers.count,
            "each customer's subscriptions are listed once a pass, not once per metric: \(subscriptions() - listingsBefore)"
        )
    }

    @Test(arguments: StoreKind.available)
    func eventsThatReachLagoLateAreCopiedByTheNextPass(kind: StoreKind) async throws {
        let account = Self.account()
        let server = try Self.server(account)
        let (db, environment) = try await SyncEndToEndTests.store(kind)
        #expect(try await Self.sync(server, db: db, environment: environment).status == 0)
        account.add([
            LagoAccount.Event(
                "late_2h", subscription: "sub_globex", code: "api_calls", at: Self.now.addingTimeInterval(-2 * 3_600),
                properties: ["region": #""us""#]),
            LagoAccount.Event(
                "late_2d", subscription: "sub_globex", code: "api_calls",
                at: Self.now.addingTimeInterval(-2 * Self.day),
                properties: ["region": #""eu""#]),
            LagoAccount.Event(
                "late_gb", subscription: "sub_acme_new", code: "gb", at: Self.now.addingTimeInterval(-3 * Self.day),
                properties: ["gb": "7.25"]),
        ])
        let next = try await Self.sync(server, db: db, environment: environment)
        #expect(
            next.status == 0 && next.stdout.contains("(3 new)") && next.stdout.contains(": all agree"),
            "\(next.stdout)\(next.stderr)")
        let (start, end) = (Self.today.addingTimeInterval(-25 * Self.day), Self.today.addingTimeInterval(Self.day))
        for (customer, code) in [("globex", "api_calls"), ("acme", "gb")] {
            let store = try await Self.stored(
                code, customer: customer, start: start, end: end, db: db, environment: environment)
            #expect(
                store == account.billed(customer: customer, metric: code, start: start, end: end), "\(customer) \(code)"
            )
        }
    }

    @Test func aBillThatItsEventsDoNotAddUpToIsADisagreementNamedWithBothNumbers() async throws {
        let account = Self.account()
        account.countUnlisted(2, subscription: "sub_globex", metric: "api_calls")
        let server = try Self.server(account)
        let db = try SyncEndToEndTests.folder() + "/lago.sqlite"
        let sync = try await Self.sync(server, db: db)
        #expect(sync.status == 1, "a one-off sync with a disagreement exits 1")
        let lines = sync.stderr.split(separator: "\n").filter { $0.contains("disagrees: globex api_calls") }.map(
            String.init)
        #expect(sync.stdout.contains(": \(lines.count) disagree") && !lines.isEmpty, "\(sync.stdout)\(sync.stderr)")
        #expect(
            lines.allSatisfy { $0.contains("(sub_globex)") && $0.contains("2 events lago counts but does not list") },
            "\(lines)")
        let period = try #require(account.periods(of: "sub_globex").last)
        let listed = account.billed(customer: "globex", metric: "api_calls", start: period.start, end: period.end)
        #expect(
            lines.contains {
                $0.contains("store \(listed) in \(listed) events, lago \(listed + 2) in \(listed + 2) events")
            }, "\(lines)")
    }

    @Test func twoSubscriptionsWithTheSameChargeAndPeriodKeepTwoReadings() async throws {
        let account = Self.account()
        let server = try Self.server(account)
        let db = try SyncEndToEndTests.folder() + "/lago.sqlite"
        #expect(try await Self.sync(server, db: db).status == 0)
        let period = try #require(account.periods(of: "sub_hooli_1").last)
        let out = try await Program.run(
            Tmux.binary,
            [
                "snapshot", "--db", db, "--customer", "hooli", "--from", LagoAccount.iso(period.start), "--to",
                LagoAccount.iso(period.end),
                "--format", "json",
            ])
        let metrics =
            (try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])?["metrics"]
            as? [[String: Any]] ?? []
        let seats = metrics.filter { $0["id"] as? String == "seats" }.map {
            "\($0["subscription"] ?? "") \($0["total"] ?? "")"
        }.sorted()
        let expected = ["sub_hooli_1", "sub_hooli_2"].map {
            "\($0) \(account.units(subscription: $0, metric: "seats", start: period.start, end: period.end))"
        }
        #expect(seats == expected, "one reading per subscription: \(seats) vs \(expected)")
    }

    @Test(arguments: StoreKind.available)
    func aCopyCutByAnOutageResumesToWhatLagoBills(kind: StoreKind) async throws {
        let account = Self.account()
        let (db, environment) = try await SyncEndToEndTests.store(kind)
        let cut = try await Self.sync(
            try Self.server(account, failAfterEventPages: 4), db: db, environment: environment)
        #expect(cut.status == 1 && cut.stderr.contains("503"), "\(cut.stderr)")
        let resumed = try await Self.sync(try Self.server(account), db: db, environment: environment)
        #expect(resumed.status == 0 && resumed.stdout.contains(": all agree"), "\(resumed.stdout)\(resumed.stderr)")
        let (start, end) = (Self.today.addingTimeInterval(-25 * Self.day), Self.today.addingTimeInterval(Self.day))
        for customer in Self.customers {
            for code in ["api_calls", "gb", "peak"] {
                let store = try await Self.stored(
                    code, customer: customer, start: start, end: end, db: db, environment: environment)
                #expect(
                    store == account.billed(customer: customer, metric: code, start: start, end: end),
                    "\(customer) \(code)")
            }
        }
    }

    /// A window of 230,000 events (2,300 pages): every one copied, never a silent stop at a page limit.
    @Test func aWindowOfTwoHundredThirtyThousandEventsIsCopiedWhole() async throws {
        let start = Calendar(identifier: .gregorian).dateInterval(of: .month, for: Self.now)!.start
        let span = max(3_600, Self.now.timeIntervalSince(start) - 60)
        let events = (0..<230_000).map { i in
            LagoAccount.Event(
                "big_\(i)", subscription: "sub_big", code: "api_calls",
                at: start.addingTimeInterval(span * Double(i) / 230_000))
        }
        let account = LagoAccount(
            customers: [("big", "Big")], metrics: [LagoAccount.Metric("api_calls", "count_agg")],
            subscriptions: [
                LagoAccount.Subscription(
                    "sub_big", customer: "big", started: start.addingTimeInterval(-40 * Self.day),
                    charges: [LagoAccount.Charge("ch", metric: "api_calls")])
            ],
            events: events, now: Self.now)
        let db = try SyncEndToEndTests.folder() + "/big.sqlite"
        let sync = try await Self.sync(try Self.server(account), db: db, since: "-1d")
        #expect(
            sync.status == 0 && sync.stdout.contains("(230000 new)") && sync.stdout.contains(": all agree"),
            "\(sync.stdout)\(sync.stderr)")
    }
}
