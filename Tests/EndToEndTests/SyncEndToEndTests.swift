import Foundation
import GRDB
import HTTPTestSupport
import NIOCore
import PostgresTestSupport
import Synchronization
import Testing

/// `usagetop sync` copies a Hyperline-shaped account into a store, and the store then answers with the provider's
/// own numbers: the real binary, a real HTTP server, a real store.
@Suite("Sync from a provider into a store", .serialized)
struct SyncEndToEndTests {
    static let key = "hl_sync_key_never_shown"
    static let now = Date()

    /// One event of the account: it counts toward both aggregators (Hyperline's aggregators read the same events).
    struct Event {
        var id: String
        var customer: String
        var ms: Int64
        var gb: String
    }

    /// 260 events over the last ten days, newest first, for three customers (one has more than a page of them).
    static let events: [Event] = (0..<260).map { i in
        let ms = Int64(now.timeIntervalSince1970 * 1000) - Int64(i) * 37 * 60_000 - 1_000
        return Event(
            id: "ev_\(i)", customer: i % 5 == 0 ? "cus_3" : "cus_\(i % 2 + 1)", ms: ms, gb: "\(i % 7).\(i % 10)5")
    }

    static func iso(_ ms: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }

    static func ms(_ text: String?) -> Int64? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let text, let date = formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text) else {
            return nil
        }
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The account; event pages fail with 500 once `failAfter` of them were served (an outage mid-copy).
    /// Two events the store cannot keep: a value that is no number, and an id with a control character.
    static let unkeepable = [
        Event(id: "ev_lots", customer: "cus_3", ms: events[5].ms - 1, gb: #""lots""#),
        Event(id: #"ev_bad\u0001"#, customer: "cus_3", ms: events[5].ms - 2, gb: "1"),
    ]

    static func server(failAfter: Int? = nil, latency: TimeAmount = .zero, hostile: Bool = false) throws
        -> TestHTTPServer
    {
        // The account's times are fixed before any pass starts: made lazily at the first request instead, the newest
        // event (a second before `now`) could fall after the end a slow pass had already taken as its own now.
        _ = events
        let served = Mutex(0)
        return try TestHTTPServer { request in
            var response = answer(request, served: served, failAfter: failAfter, extra: hostile ? unkeepable : [])
            response.delay = latency
            return response
        }
    }

    static func answer(
        _ request: TestHTTPServer.Request, served: borrowing Mutex<Int>, failAfter: Int?, extra: [Event] = []
    )
        -> TestHTTPServer.Reply
    {
        let events = (events + extra).sorted { $0.ms > $1.ms }
        let parts = request.path.split(separator: "/").map(String.init)
        let start = ms(request.query["start_date"]) ?? .min, end = ms(request.query["end_date"]) ?? .max
        switch parts {
        case ["v1", "aggregators"]:
            return .init(
                body:
                    #"{"meta": {"total": 2}, "data": [{"id": "agg_calls", "name": "Calls", "operation": "count"}, {"id": "agg_gb", "name": "Storage", "operation": "sum", "property": "gb", "unit_name": "GB"}]}"#
            )
        case ["v1", "customers"]:
            let items = (1...4).map { #"{"id": "cus_\#($0)", "name": "Customer \#($0)", "currency": "EUR"}"# }
            return .init(body: #"{"meta": {"total": 4}, "data": [\#(items.joined(separator: ","))]}"#)
        case let p where p.count == 3 && p[1] == "customers" && (1...4).map({ "cus_\($0)" }).contains(p[2]):
            return .init(body: #"{"id": "\#(p[2])", "name": "Customer \#(p[2].dropFirst(4))", "currency": "EUR"}"#)
        case let p where p.count == 6 && p[4] != "" && p[5] == "events":
            let count = served.withLock {
                $0 += 1; return $0
            }
            if let failAfter, count > failAfter {
                return .init(status: .internalServerError, body: #"{"message": "outage"}"#)
            }
            let hits = events.filter { $0.customer == p[2] && $0.ms >= start && $0.ms < end }
            let skip = Int(request.query["skip"] ?? "0") ?? 0, take = Int(request.query["take"] ?? "50") ?? 50
            let page = hits.dropFirst(skip).prefix(take).map {
                #"{"id": "\#($0.id)", "name": "store", "timestamp": "\#(iso($0.ms))", "payload": {"gb": \#($0.gb), "note": "\u001b[31m"}}"#
            }
            return .init(
                body:
                    #"{"meta": {"total": \#(hits.count), "taken": \#(page.count), "skipped": \#(skip)}, "data": [\#(page.joined(separator: ","))]}"#
            )
        case let p where p.count == 5 && p[1] == "aggregators" && p[4] == "events":
            // Client-wide: every event counts toward both aggregators.
            let hits = events.filter { $0.ms >= start && $0.ms < end }
            let skip = Int(request.query["skip"] ?? "0") ?? 0, take = Int(request.query["take"] ?? "50") ?? 50
            let page = hits.dropFirst(skip).prefix(take).map {
                #"{"id": "\#($0.id)", "name": "store", "timestamp": "\#(iso($0.ms))", "payload": {"gb": \#($0.gb)}}"#
            }
            return .init(
                body:
                    #"{"meta": {"total": \#(hits.count), "taken": \#(page.count), "skipped": \#(skip)}, "data": [\#(page.joined(separator: ","))]}"#
            )
        case let p where p.count == 5 && p[1] == "aggregators" && p[4] == "group-by-customer":
            let body = (try? JSONSerialization.jsonObject(with: Data(request.body.utf8))) as? [String: Any] ?? [:]
            let (from, to) = (ms(body["start_date"] as? String) ?? .min, ms(body["end_date"] as? String) ?? .max)
            let customers = Set(events.filter { $0.ms >= from && $0.ms < to }.map(\.customer)).sorted()
            let skip = body["skip"] as? Int ?? 0, take = body["take"] as? Int ?? 100
            let rows = customers.dropFirst(skip).prefix(take).map { #"{"customer_id": "\#($0)", "total": 1}"# }
            return .init(
                body: #"{"meta": {"total": \#(customers.count)}, "data": [\#(rows.joined(separator: ","))]}"#)
        case let p where p.count == 4 && p[3] == "usage":
            let hits = events.filter { $0.customer == p[2] && $0.ms >= start && $0.ms < end }
            let gb = hits.reduce(Decimal(0)) { $0 + (Decimal(string: $1.gb) ?? 0) }
            return .init(
                body:
                    #"[{"aggregator_id": "agg_calls", "name": "Calls", "unit_name": null, "total": \#(hits.count), "count": \#(hits.count)}, {"aggregator_id": "agg_gb", "name": "Storage", "unit_name": "GB", "total": \#(gb), "count": \#(hits.count)}]"#
            )
        default:
            return .init(status: .notFound, body: #"{"message": "Not found"}"#)
        }
    }

    /// A new folder for a store, removed when the test process exits.
    static func folder() throws -> String {
        let url = ProcessScratch.root.appendingPathComponent("sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// A new store of `kind`: an SQLite file, or a new database on the test PostgreSQL server (its password in the
    /// environment the program runs with, never on its command line).
    static func store(_ kind: StoreKind) async throws -> (db: String, environment: [String: String]) {
        switch kind {
        case .sqlite: return (try folder() + "/team.sqlite", [:])
        case .postgres:
            let (url, password) = try await TestPostgres.shared.freshDatabase()
            return (url, ["PGPASSWORD": password])
        }
    }

    static func sync(_ server: TestHTTPServer, db: String, since: String = "-30d", environment: [String: String] = [:])
        async throws -> Program.Output
    {
        try await Program.run(
            Tmux.binary,
            [
                "sync", "--provider", "hyperline", "--base-url", server.baseURL, "--db", db, "--since", since,
            ], extra: environment.merging(["HYPERLINE_API_KEY": key]) { a, _ in a })
    }

    /// Each metric's total and count for a customer over whole recent days, from `source` arguments.
    static func numbers(_ source: [String], customer: String, environment: [String: String] = [:]) async throws
        -> [String: [String]]
    {
        let day = 86_400.0
        let today = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / day).rounded(.down) * day)
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withFullDate]
        let period =
            "\(format.string(from: today.addingTimeInterval(-8 * day)))..\(format.string(from: today.addingTimeInterval(-1 * day)))"
        let out = try await Program.run(
            Tmux.binary, ["snapshot", "--customer", customer, "--period", period, "--format", "json"] + source,
            extra: environment.merging(["HYPERLINE_API_KEY": key]) { a, _ in a })
        #expect(out.status == 0, "\(out.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        var result: [String: [String]] = [:]
        for metric in json?["metrics"] as? [[String: Any]] ?? [] {
            result[metric["id"] as? String ?? "?"] = ["\(metric["total"] ?? "")", "\(metric["count"] ?? "")"]
        }
        return result
    }

    @Test(arguments: StoreKind.available)
    func aCopyGivesTheProvidersNumbersAndASecondCopyChangesNothing(kind: StoreKind) async throws {
        let server = try Self.server()
        let (db, environment) = try await Self.store(kind)
        let first = try await Self.sync(server, db: db, environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(
            first.stdout == "copied 520 events (520 new) of 2 metrics for 4 customers in 25 calls\n"
                + "verified 8 customer-metric-periods against hyperline: all agree\n",
            "the aggregators and the customers listed; each aggregator's client-wide count and its 260 events in three pages, and the count of customers (what the next pass compares with); a usage call per customer for its counts, then a page of 100 per customer and metric with events, two for the 104 events of cus_1 and of cus_2; none for cus_4, which has none; each customer's two aggregators checked"
        )
        #expect(server.requests.count == 25, "the calls said are every call the server answered")
        #expect(
            first.stderr.contains(" 25 calls (") && first.stderr.contains("% of hyperline's 17 calls/s)"),
            "the pass says its calls a second against the published limit: \(first.stderr)")
        let listed = try await Program.run(
            Tmux.binary, ["customers", "--db", db, "--format", "csv"], extra: environment)
        #expect(listed.stdout.contains("cus_4"), "a customer without events is listed too:\n\(listed.stdout)")
        for customer in ["cus_1", "cus_2", "cus_3"] {
            let provider = try await Self.numbers(
                ["--provider", "hyperline", "--base-url", server.baseURL], customer: customer)
            let store = try await Self.numbers(["--db", db], customer: customer, environment: environment)
            #expect(provider.count == 2 && store == provider, "\(customer): store \(store), provider \(provider)")
        }
        let before = server.requests.count
        let again = try await Self.sync(server, db: db, environment: environment)
        #expect(
            again.stdout.hasPrefix("copied 0 events (0 new) of 2 metrics for 0 customers with new events in 4 calls")
                && again.stdout.contains("none new since the last pass: all agree"), "\(again.stdout)")
        #expect(
            server.requests.dropFirst(before).map(\.path).sorted()
                == [
                    "/v1/aggregators", "/v1/aggregators/agg_calls/usage/events", "/v1/aggregators/agg_gb/usage/events",
                    "/v1/customers",
                ],
            "a quiet pass: the aggregators, one count of each and one of the customers, whatever the customers")
        let copied = try await Self.numbers(["--db", db], customer: "cus_1", environment: environment)
        #expect(
            copied
                == (try await Self.numbers(
                    ["--provider", "hyperline", "--base-url", server.baseURL], customer: "cus_1")))
        #expect(!(first.stdout + first.stderr + again.stderr).contains(Self.key))
    }

    @Test func anEarlierSinceCopiesTheTimeBeforeTheFirstCopy() async throws {
        let server = try Self.server()
        let db = try Self.folder() + "/team.sqlite"
        let provider = try await Self.numbers(
            ["--provider", "hyperline", "--base-url", server.baseURL], customer: "cus_1")
        let recent = try await Self.sync(server, db: db, since: "-2d")
        #expect(recent.status == 0, "\(recent.stderr)")
        #expect(
            try await Self.numbers(["--db", db], customer: "cus_1") != provider,
            "two days hold less than the week compared")
        let history = try await Self.sync(server, db: db, since: "-30d")
        #expect(history.status == 0 && !history.stdout.contains("(0 new)"), "\(history.stdout)")
        #expect(try await Self.numbers(["--db", db], customer: "cus_1") == provider)
        let again = try await Self.sync(server, db: db, since: "-30d")
        #expect(again.stdout.contains("(0 new)"), "the history is read once")
    }

    @Test func eventsTheStoreCannotKeepAreNamedAndTheRestIsCopied() async throws {
        let server = try Self.server(hostile: true)
        let db = try Self.folder() + "/team.sqlite"
        let sync = try await Self.sync(server, db: db)
        #expect(sync.status == 1, "events left behind make a one-off sync exit 1")
        #expect(
            sync.stderr.contains(#"cus_3 agg_gb: event ev_lots not copied: properties.gb is not a number: "lots""#),
            "\(sync.stderr)")
        #expect(
            sync.stderr.contains(
                #"cus_3 agg_calls: event ev_bad\x01 not copied: "transaction_id" holds a control character (U+0001)"#),
            "\(sync.stderr)")
        #expect(sync.stdout.hasPrefix("copied 524 events (521 new) of 2 metrics for 4 customers in"), "\(sync.stdout)")
        #expect(
            sync.stdout.contains(
                "; 3 events not copied\nverified 8 customer-metric-periods against hyperline: 2 disagree"),
            "\(sync.stdout)")
        #expect(
            sync.stderr.contains("disagrees: cus_3 agg_gb")
                && sync.stderr.contains("events the store could not keep (named above)"),
            "\(sync.stderr)")
        let again = try await Self.sync(server, db: db)
        #expect(
            again.status == 1 && again.stdout.contains("(0 new)") && again.stdout.contains(": 2 disagree"),
            "the store cannot hold what the provider counts: every pass says so and names them again:\n\(again.stdout)")
        #expect(again.stderr.contains("event ev_lots not copied"), "\(again.stderr)")
    }

    /// New events, one sent days after its timestamp: the next pass counts them in each aggregator's client-wide
    /// events, lists only the hours that changed, and reads only the customers Hyperline names with usage at the new
    /// events' times (other customers' events share their hours).
    @Test func newAndLateEventsAreCopiedByReadingOnlyTheirCustomers() async throws {
        let extra = Mutex<[Event]>([])
        let served = Mutex(0)
        let server = try TestHTTPServer { request in
            Self.answer(request, served: served, failAfter: nil, extra: extra.withLock { $0 })
        }
        let db = try Self.folder() + "/team.sqlite"
        #expect(try await Self.sync(server, db: db).status == 0)
        let nowMs = Int64(Self.now.timeIntervalSince1970 * 1000)
        let fresh = [
            Event(id: "ev_new", customer: "cus_4", ms: nowMs - 60_000, gb: "2.5"),
            Event(id: "ev_late", customer: "cus_4", ms: nowMs - 5 * 86_400_000 - 7_000, gb: "1.25"),
        ]
        extra.withLock { $0 = fresh }
        let hours = Set(fresh.map { $0.ms / 3_600_000 })
        let neighbours = Set(Self.events.filter { hours.contains($0.ms / 3_600_000) }.map(\.customer))
        #expect(neighbours.subtracting(["cus_4"]).count >= 1, "other customers' events share the new events' hours")
        let expected: Set<String> = ["cus_4"]
        let before = server.requests.count
        let next = try await Self.sync(server, db: db)
        #expect(
            next.status == 0 && next.stdout.contains("(4 new)")
                && next.stdout.contains("for \(expected.count) customers with new events")
                && next.stdout.contains(": all agree"), "\(next.stdout)\(next.stderr)")
        let read = Set(
            server.requests.dropFirst(before).compactMap { request -> String? in
                let parts = request.path.split(separator: "/")
                return parts.count >= 3 && parts[1] == "customers" ? String(parts[2]) : nil
            })
        #expect(read == expected, "only the customers of the changed hours: \(read.sorted())")
        let store = try await Self.numbers(["--db", db], customer: "cus_4")
        let provider = try await Self.numbers(
            ["--provider", "hyperline", "--base-url", server.baseURL], customer: "cus_4")
        #expect(store == provider && provider["agg_gb"]?.first == "1.25", "the late event counts: \(store) \(provider)")
    }

    @Test(arguments: StoreKind.available)
    func aCopyCutByAnOutageResumesToTheSameNumbers(kind: StoreKind) async throws {
        let broken = try Self.server(failAfter: 3)
        let (db, environment) = try await Self.store(kind)
        let cut = try await Self.sync(broken, db: db, environment: environment)
        #expect(cut.status == 1, "a failed copy exits 1")
        #expect(cut.stderr.contains("HTTP 500") && cut.stderr.contains("outage"), "\(cut.stderr)")
        let server = try Self.server()
        let resumed = try await Self.sync(server, db: db, environment: environment)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let whole = try Self.folder() + "/whole.sqlite"
        _ = try await Self.sync(server, db: whole)
        for customer in ["cus_1", "cus_2", "cus_3"] {
            let expected = try await Self.numbers(["--db", whole], customer: customer)
            #expect(
                try await Self.numbers(["--db", db], customer: customer, environment: environment) == expected,
                "\(customer)")
        }
        let events = try await Program.run(
            Tmux.binary, ["events", "--db", db, "--customer", "cus_3", "--metric", "agg_gb", "--period", "-30d"],
            extra: environment)
        #expect(!events.stdout.contains("\u{1b}"), "escape sequences from the provider never reach the terminal")
    }

    @Test(.enabled(if: Tmux.isAvailable, "tmux is not installed"), arguments: StoreKind.available)
    func killedMidCopyItResumesAndEveryPassAfterAddsOnlyWhatIsNew(kind: StoreKind) async throws {
        let server = try Self.server(latency: .milliseconds(250))
        let (db, environment) = try await Self.store(kind)
        let arguments = "sync --provider hyperline --base-url \(server.baseURL) --db '\(db)' --since=-30d --every 1"
        let words = (environment.map { "\($0.key)=\($0.value)" } + ["HYPERLINE_API_KEY=\(Self.key)"]).joined(
            separator: " ")
        let first = try await Tmux(width: 150, height: 8, arguments: arguments, environment: words)
        let copying = await first.waitFor { $0.contains("copying: ") && $0.contains(" of 4 customers") }
        #expect(copying.ok, "a status line on a terminal:\n\(copying.screen)")
        let pid = try #require(await first.programPID())
        kill(pid, SIGKILL)
        #expect(await first.waitFor { $0.contains("EXITED 137") }.ok, "killed mid-copy")
        let again = try await Tmux(width: 150, height: 8, arguments: arguments, environment: words)
        let passes = await again.waitFor(40) { $0.contains("(0 new) of 2 metrics for 0 customers with new events") }
        #expect(passes.ok, "a later pass copies nothing new:\n\(passes.screen)")
        try await again.send("C-c")
        for customer in ["cus_1", "cus_2", "cus_3"] {
            let provider = try await Self.numbers(
                ["--provider", "hyperline", "--base-url", server.baseURL], customer: customer)
            let store = try await Self.numbers(["--db", db], customer: customer, environment: environment)
            #expect(store == provider, "\(customer): store \(store), provider \(provider)")
        }
        #expect(!passes.screen.contains(Self.key))
    }

    /// `sync --every` is a daemon: a provider that is down at the start of a pass, or a store another process holds
    /// locked, makes that pass fail in one line and the next one try again after a wait, never the program end.
    @Test(.enabled(if: Tmux.isAvailable, "tmux is not installed"))
    func syncEverySurvivesAnOutageAndALockedStore() async throws {
        let refused = CallCounter()
        let server = try TestHTTPServer { request in
            if request.path == "/v1/aggregators" {
                refused.add()
                if refused.value <= 6 {
                    return .init(status: .serviceUnavailable, body: #"{"message": "down for maintenance"}"#)
                }
            }
            return Self.answer(request, served: Mutex(0), failAfter: nil)
        }
        let db = try Self.folder() + "/daemon.sqlite"
        let tmux = try await Tmux(
            width: 160, height: 40,
            arguments: "sync --provider hyperline --base-url \(server.baseURL) --db '\(db)' --every 1",
            environment: "HYPERLINE_API_KEY=\(Self.key)")
        let down = await tmux.waitFor(60) {
            $0.contains("pass failed: hyperline: GET /v1/aggregators: HTTP 503") && $0.contains("trying again in")
        }
        #expect(down.ok, "the outage is one line, and a retry is coming:\n\(down.screen)")
        let back = await tmux.waitFor(60) {
            $0.contains("verified 8 customer-metric-periods against hyperline: all agree")
        }
        #expect(back.ok, "the provider is back: the next pass copies and checks:\n\(back.screen)")
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true  // another program's transaction, held across the test's waits
        let queue = try DatabaseQueue(path: db, configuration: holding)
        try await queue.writeWithoutTransaction { try $0.execute(sql: "BEGIN EXCLUSIVE") }
        let locked = await tmux.waitFor(60) { $0.contains("database is locked") }
        #expect(locked.ok, "a locked store is said:\n\(locked.screen)")
        try await queue.writeWithoutTransaction { try $0.execute(sql: "COMMIT") }
        try await tmux.send("C-l")
        let resumed = await tmux.waitFor(60) { screen in
            screen.components(separatedBy: "database is locked").last?.contains("all agree") == true
        }
        #expect(resumed.ok, "unlocked, the passes go on:\n\(resumed.screen)")
        #expect(!resumed.screen.contains("EXITED"), "the daemon never ended")
        try await tmux.send("C-c")
    }
}
