import Foundation
import HTTPTestSupport
import PostgresTestSupport
import Testing

/// `usagetop sync` from a Lago-shaped server: a customer with a terminated and an active subscription, metrics the
/// store adds up exactly (count, sum, max) and ones whose Lago numbers are more than their events add up to (a
/// weighted sum, a recurring sum, a unique count, which Lago's `operation_type: remove` events can take back). The
/// store must give what a brute-force fold of the server's events gives for the first, and leave the others alone.
@Suite("Sync from Lago", .serialized)
struct LagoSyncEndToEndTests {
    static let key = "lago_sync_key_never_shown"
    static let day = 86_400.0
    static let today = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / day).rounded(.down) * day)

    struct Event {
        var id: String
        var subscription: String
        var code: String
        var at: Date
        var value: String
    }

    static let codes = ["api_calls", "gb", "peak", "users", "seats", "nodes"]

    /// 400 events over the last 20 days; acme's first subscription ended 10 days ago and its second began then.
    static let events: [Event] = (0..<400).map { i in
        let at = today.addingTimeInterval(-Double(i) * 4_300 - 60)
        let acme = at < today.addingTimeInterval(-10 * day) ? "sub_old" : "sub_new"
        let code = codes[i % codes.count]
        let value = code == "users" ? "u\(i % 13)" : "\(i % 17).\(i % 4)5"
        return Event(id: "tx_\(i)", subscription: i % 3 == 0 ? "sub_globex" : acme, code: code, at: at, value: value)
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    static func date(_ text: String?) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return text.flatMap { formatter.date(from: $0) ?? ISO8601DateFormatter().date(from: $0) }
    }

    /// The account; with `failAfter`, event pages fail with 503 once that many were served (an outage mid-copy).
    static func server(failAfter: Int? = nil) throws -> TestHTTPServer {
        let pages = CallCounter()
        return try TestHTTPServer { request in
            switch request.path {
            case "/api/v1/customers":
                return .init(body: #"{"customers": [{"external_id": "acme", "name": "Acme"}, {"external_id": "globex", "name": "Globex"}], "meta": {"next_page": null}}"#)
            case "/api/v1/billable_metrics":
                let fields = ["api_calls": ("count_agg", "null"), "gb": ("sum_agg", #""gb""#), "peak": ("max_agg", #""v""#),
                              "users": ("unique_count_agg", #""user""#), "seats": ("weighted_sum_agg", #""seats""#),
                              "nodes": ("sum_agg", #""n""#)]
                let items = codes.map { code in
                    #"{"code": "\#(code)", "name": "\#(code)", "aggregation_type": "\#(fields[code]!.0)", "field_name": \#(fields[code]!.1), "recurring": \#(code == "nodes")}"#
                }
                return .init(body: #"{"billable_metrics": [\#(items.joined(separator: ","))], "meta": {"next_page": null}}"#)
            case "/api/v1/subscriptions":
                let old = iso(today.addingTimeInterval(-10 * day)), start = iso(today.addingTimeInterval(-60 * day))
                let body = request.query["external_customer_id"] == "acme"
                    ? #"[{"external_id": "sub_old", "status": "terminated", "started_at": "\#(start)", "terminated_at": "\#(old)"}, {"external_id": "sub_new", "status": "active", "started_at": "\#(old)"}]"#
                    : #"[{"external_id": "sub_globex", "status": "active", "started_at": "\#(start)"}]"#
                return .init(body: #"{"subscriptions": \#(body), "meta": {"next_page": null}}"#)
            case "/api/v1/events":
                pages.add()
                if let failAfter, pages.value > failAfter {
                    return .init(status: .serviceUnavailable, body: #"{"status": 503, "error": "outage"}"#)
                }
                let from = date(request.query["timestamp_from"]) ?? .distantPast, to = date(request.query["timestamp_to"]) ?? .distantFuture
                let hits = events.filter {
                    $0.subscription == request.query["external_subscription_id"] && $0.code == request.query["code"]
                        && $0.at >= from && $0.at <= to  // Lago's timestamp_to is inclusive
                }
                let page = Int(request.query["page"] ?? "1") ?? 1, size = Int(request.query["per_page"] ?? "100") ?? 100
                let items = hits.dropFirst((page - 1) * size).prefix(size).map { event in
                    let field = ["gb": "gb", "peak": "v", "users": "user", "seats": "seats"][event.code] ?? "n"
                    let value = event.code == "users" ? #""\#(event.value)""# : event.value
                    return #"{"transaction_id": "\#(event.id)", "external_subscription_id": "\#(event.subscription)", "code": "\#(event.code)", "timestamp": "\#(iso(event.at))", "properties": {"\#(field)": \#(value)}}"#
                }
                let next = page * size < hits.count ? String(page + 1) : "null"
                return .init(body: #"{"events": [\#(items.joined(separator: ","))], "meta": {"current_page": \#(page), "next_page": \#(next), "total_count": \#(hits.count)}}"#)
            case "/api/v1/customers/acme/current_usage", "/api/v1/customers/globex/current_usage":
                guard let usage = billed[request.query["external_subscription_id"] ?? ""]?.current else { break }
                return .init(body: #"{"customer_usage": \#(usage)}"#)
            case "/api/v1/customers/acme/past_usage", "/api/v1/customers/globex/past_usage":
                let past = billed[request.query["external_subscription_id"] ?? ""]?.past.map { [$0] } ?? []
                return .init(body: #"{"usage_periods": [\#(past.joined(separator: ","))], "meta": {"next_page": null}}"#)
            default:
                break
            }
            return .init(status: .notFound, body: #"{"status": 404, "error": "Not Found", "code": "not_found"}"#)
        }
    }

    /// What Lago bills for the metrics the store cannot add up from events, per subscription: a current period (the
    /// active ones) and an invoiced past one.
    static let billed: [String: (current: String?, past: String?)] = [
        "sub_new": (usage(from: -10, to: 20, seats: "42.5", nodes: "7", users: "13", invoiced: false), nil),
        "sub_old": (nil, usage(from: -40, to: -10, seats: "30", nodes: "5", users: "9", invoiced: true)),
        "sub_globex": (usage(from: -5, to: 25, seats: "12.25", nodes: "3", users: "4", invoiced: false),
                       usage(from: -35, to: -5, seats: "11", nodes: "2", users: "6", invoiced: true)),
    ]

    /// A `customer_usage` document over days `from` to `to` from today (Lago's inclusive end: the last second).
    static func usage(from: Double, to: Double, seats: String, nodes: String, users: String, invoiced: Bool) -> String {
        let start = iso(today.addingTimeInterval(from * day)), end = iso(today.addingTimeInterval(to * day - 1))
        let charges = [("seats", "weighted_sum_agg", seats), ("nodes", "sum_agg", nodes), ("users", "unique_count_agg", users),
                       ("api_calls", "count_agg", "1000")]
            .map { code, aggregation, units in
                #"{"units": "\#(units)", "events_count": 3, "amount_cents": \#(Int(Decimal(string: units)! * 100 as NSDecimalNumber)), "charge": {"charge_model": "standard", "invoice_display_name": "\#(code) fee"}, "billable_metric": {"code": "\#(code)", "name": "\#(code)", "aggregation_type": "\#(aggregation)"}}"#
            }
        return #"{"from_datetime": "\#(start)", "to_datetime": "\#(end)", "currency": "EUR", "lago_invoice_id": \#(invoiced ? #""inv_1""# : "null"), "charges_usage": [\#(charges.joined(separator: ","))]}"#
    }

    /// The brute-force value of `code` for a customer over [start, end).
    static func expected(_ code: String, customer: String, start: Date, end: Date) -> Decimal {
        let mine = events.filter {
            $0.code == code && $0.at >= start && $0.at < end && (customer == "globex") == ($0.subscription == "sub_globex")
        }
        switch code {
        case "api_calls": return Decimal(mine.count)
        case "gb": return mine.reduce(0) { $0 + Decimal(string: $1.value)! }
        default: return mine.map { Decimal(string: $0.value)! }.max() ?? 0
        }
    }

    @Test func whatTheStoreAddsUpEqualsABruteForceFoldAndTheRestIsLeftToLago() async throws {
        let server = try Self.server()
        let db = try SyncEndToEndTests.folder() + "/lago.sqlite"
        let sync = try await Program.run(Tmux.binary, [
            "sync", "--provider", "lago", "--base-url", server.baseURL + "/api/v1", "--db", db, "--since=-30d",
        ], extra: ["LAGO_API_KEY": Self.key])
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(sync.stderr.contains("seats: events not copied (a weighted_sum aggregation"), "\(sync.stderr)")
        #expect(sync.stderr.contains("nodes: events not copied (a recurring metric"), "\(sync.stderr)")
        #expect(sync.stderr.contains("users: events not copied (Lago's unique counts take a value back"), "\(sync.stderr)")
        #expect(sync.stderr.contains("kept as lago's own totals"), "\(sync.stderr)")
        let copied = Self.events.filter { ["api_calls", "gb", "peak"].contains($0.code) }.count
        #expect(sync.stdout.hasPrefix("copied \(copied) events (\(copied) new) of 3 metrics for 2 customers"), "\(sync.stdout)")
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withFullDate]
        let (start, end) = (Self.today.addingTimeInterval(-14 * Self.day), Self.today)
        let period = "\(format.string(from: start))..\(format.string(from: end.addingTimeInterval(-Self.day)))"
        for customer in ["acme", "globex"] {
            let out = try await Program.run(Tmux.binary, ["snapshot", "--db", db, "--customer", customer, "--period", period, "--format", "json"])
            let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
            let metrics = json?["metrics"] as? [[String: Any]] ?? []
            for code in ["api_calls", "gb", "peak"] {
                let total = metrics.first { $0["id"] as? String == code }?["total"]
                let expected = Self.expected(code, customer: customer, start: start, end: end)
                #expect(total.flatMap { Decimal(string: "\($0)") } == expected, "\(customer) \(code): \(String(describing: total)) vs \(expected)")
            }
            // Lago's own totals of the rest: a row per charge and billing period overlapping the fortnight, each
            // labelled with its period and said to be Lago's.
            let seats = metrics.filter { $0["id"] as? String == "seats" }.map { row -> String in
                let answered = row["period"] as? [String: Any]
                let amount = Decimal(string: "\(row["amount"] ?? "")").map { "\($0)" } ?? "?"
                return "\(row["total"] ?? "") \(amount) \(row["billed_by"] ?? "") \(answered?["start"] ?? "")"
            }.sorted()
            let expectedSeats = customer == "acme"
                ? ["30 30 lago \(Self.iso(Self.today.addingTimeInterval(-40 * Self.day)))",
                   "42.5 42.5 lago \(Self.iso(Self.today.addingTimeInterval(-10 * Self.day)))"]
                : ["11 11 lago \(Self.iso(Self.today.addingTimeInterval(-35 * Self.day)))",
                   "12.25 12.25 lago \(Self.iso(Self.today.addingTimeInterval(-5 * Self.day)))"]
            #expect(seats == expectedSeats.map { $0.replacingOccurrences(of: ".000Z", with: "Z") }, "\(customer): \(seats)")
            // Beside the store's own count of a copied metric, Lago's billed units and amount for each billing period.
            let calls = metrics.filter { $0["id"] as? String == "api_calls" }.map { row in
                "\(row["billed_by"] ?? "") \(Decimal(string: "\(row["amount"] ?? "")").map { "\($0)" } ?? "-")"
            }
            #expect(calls == ["<null> -", "lago 1000", "lago 1000"], "\(customer): \(calls)")
            // A day-by-day history of the copied metrics, which Lago's API (billing periods only) cannot give.
            let series = try await Program.run(Tmux.binary, [
                "timeseries", "--db", db, "--metric", "gb", "--customer", customer, "--bucket", "day", "--period", period,
                "--format", "json",
            ])
            let points = (try JSONSerialization.jsonObject(with: Data(series.stdout.utf8)) as? [String: Any])?["points"] as? [[String: Any]] ?? []
            #expect(points.count == 14, "\(series.stdout)\(series.stderr)")
            for (index, point) in points.enumerated() {
                let dayStart = start.addingTimeInterval(Double(index) * Self.day)
                let expected = Self.expected("gb", customer: customer, start: dayStart, end: dayStart.addingTimeInterval(Self.day))
                #expect(point["value"].flatMap { Decimal(string: "\($0)") } == expected, "\(customer) day \(index)")
            }
        }
        #expect(!(sync.stdout + sync.stderr).contains(Self.key))
    }

    /// Cut by an outage after a few event pages, then run again: the same numbers as a brute-force fold, each event once.
    @Test(arguments: StoreKind.available)
    func aCopyCutByAnOutageResumesToTheBruteForceNumbers(kind: StoreKind) async throws {
        let (db, environment) = try await SyncEndToEndTests.store(kind)
        let run = { (server: TestHTTPServer) in
            try await Program.run(Tmux.binary, [
                "sync", "--provider", "lago", "--base-url", server.baseURL + "/api/v1", "--db", db, "--since=-30d",
            ], extra: environment.merging(["LAGO_API_KEY": Self.key]) { a, _ in a })
        }
        let cut = try await run(try Self.server(failAfter: 4))
        #expect(cut.status == 1 && cut.stderr.contains("503"), "\(cut.stderr)")
        let resumed = try await run(try Self.server())
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let copied = Self.events.filter { ["api_calls", "gb", "peak"].contains($0.code) }.count
        let again = try await run(try Self.server())
        #expect(again.stdout.contains("(0 new)"), "\(again.stdout)")
        let (start, end) = (Self.today.addingTimeInterval(-20 * Self.day), Self.today.addingTimeInterval(Self.day))
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withFullDate]
        let period = "\(format.string(from: start))..\(format.string(from: Self.today))"
        var total = 0
        for customer in ["acme", "globex"] {
            let out = try await Program.run(
                Tmux.binary, ["snapshot", "--db", db, "--customer", customer, "--period", period, "--format", "json"], extra: environment)
            let metrics = (try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])?["metrics"] as? [[String: Any]] ?? []
            for code in ["api_calls", "gb", "peak"] {
                let row = metrics.first { $0["id"] as? String == code }
                #expect(row?["total"].flatMap { Decimal(string: "\($0)") } == Self.expected(code, customer: customer, start: start, end: end),
                        "\(customer) \(code)")
                total += row?["count"] as? Int ?? 0
            }
        }
        #expect(total == copied, "every event once")
    }
}
