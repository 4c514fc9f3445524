import Foundation
import HTTPTestSupport
import Testing

/// `usagetop sync` from a Prolifi-shaped server, which lists no events and answers only counts over whole days: the
/// store keeps each day's counts as Prolifi gave them, so the dashboard charts day by day what Prolifi's API can only
/// answer one date range at a time, and a later pass reads only the days not yet over.
@Suite("Sync from Prolifi", .serialized)
struct ProlifiSyncEndToEndTests {
    static let key = "sk_test_prolifi_never_shown"
    static let day = 86_400.0
    static let today = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / day).rounded(.down) * day)

    /// Counts of each event name for a customer on the day `offset` days from today.
    static func count(_ customer: String, _ event: String, _ offset: Int) -> Int {
        (abs(offset) * 7 + customer.count * 3 + event.count) % 11 + (event == "api_call" ? 20 : 0)
    }

    static let customers = ["cus_a", "cus_bb"]
    static let names = ["api_call", "export"]

    /// The server; `usageCalls` counts the usage summaries it answered. With `customers`, the last of them alone also
    /// counts a `rare_event` on the day 3 days ago.
    static func server(usageCalls: CallCounter, customers: [String] = customers) throws -> TestHTTPServer {
        let days = DateFormatter()
        days.dateFormat = "yyyy-MM-dd"
        days.timeZone = TimeZone(identifier: "UTC")
        days.locale = Locale(identifier: "en_US_POSIX")
        return try TestHTTPServer { request in
            if request.path == "/api/v1/public/customers" {
                let items = customers.map { #"{"id": "\#($0)", "company_name": "Company \#($0)"}"# }
                return .init(
                    body:
                        #"{"data": [\#(items.joined(separator: ","))], "pagination": {"total": \#(customers.count), "limit": 100, "offset": 0, "has_more": false}}"#
                )
            }
            let parts = request.path.split(separator: "/").map(String.init)
            guard parts.count == 6, parts[5] == "usage", customers.contains(parts[4]),
                let first = request.query["start_date"].flatMap(days.date(from:)),
                let last = request.query["end_date"].flatMap(days.date(from:))
            else {
                return .init(status: .notFound, body: #"{"error": {"type": "not_found", "message": "no such path"}}"#)
            }
            usageCalls.add()
            let offsets =
                Int(
                    (first.timeIntervalSince(today) / day).rounded())...Int(
                    (last.timeIntervalSince(today) / day).rounded())
            var rows = names.map { name in
                #"{"event_name": "\#(name)", "count": \#(offsets.filter { $0 <= 0 }.map { count(parts[4], name, $0) }.reduce(0, +))}"#
            }
            if parts[4] == customers.last, customers.count > 2, offsets.contains(-3) {
                rows.append(#"{"event_name": "rare_event", "count": 9}"#)
            }
            return .init(body: #"{"data": [\#(rows.joined(separator: ","))]}"#)
        }
    }

    @Test func eachDayIsKeptAsProlifiCountedItAndALaterPassReadsOnlyToday() async throws {
        let usageCalls = CallCounter()
        let server = try Self.server(usageCalls: usageCalls)
        let db = try SyncEndToEndTests.folder() + "/prolifi.sqlite"
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withFullDate]
        let since = format.string(from: Self.today.addingTimeInterval(-9 * Self.day))
        let arguments = [
            "sync", "--provider", "prolifi", "--base-url", server.baseURL + "/api/v1/public", "--db", db, "--since",
            since,
        ]
        let first = try await Program.run(Tmux.binary, arguments, extra: ["PROLIFI_API_KEY": Self.key])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(
            first.stderr.contains(
                "api_call: events not copied (prolifi lists no events); kept as prolifi's own totals"),
            "\(first.stderr)")
        #expect(
            first.stdout.contains("; 40 billed totals of 2 metrics"),
            "ten days, two names, two customers:\n\(first.stdout)")
        let period = "\(since)..\(format.string(from: Self.today))"
        for customer in Self.customers {
            let series = try await Program.run(
                Tmux.binary,
                [
                    "timeseries", "--db", db, "--metric", "api_call", "--customer", customer, "--bucket", "day",
                    "--period", period,
                    "--format", "json",
                ])
            let points =
                (try JSONSerialization.jsonObject(with: Data(series.stdout.utf8)) as? [String: Any])?["points"]
                as? [[String: Any]] ?? []
            #expect(
                points.map { "\($0["value"] ?? "")" } == (-9...0).map { "\(Self.count(customer, "api_call", $0))" },
                "\(customer): \(series.stdout)\(series.stderr)")
        }
        let before = usageCalls.value
        let again = try await Program.run(Tmux.binary, arguments, extra: ["PROLIFI_API_KEY": Self.key])
        #expect(again.status == 0, "\(again.stderr)")
        let discovery = 2  // the metric list samples each customer's names once a run
        #expect(
            usageCalls.value - before == discovery + 2 * Self.customers.count,
            "a later pass reads each customer's today only (the earlier days were read after they ended), and checks the window once"
        )
        #expect(
            again.stdout.contains("verified 4 customer-metric-periods against prolifi: all agree"), "\(again.stdout)")
        #expect(!(first.stdout + first.stderr + again.stderr).contains(Self.key))
    }

    /// An event name that only the last of 25 customers uses (past the 20 whose names the metric list samples) is
    /// found by the sync, kept, checked and usable in every command.
    @Test func anEventNameOnlyTheLastCustomerUsesIsCopiedAndUsable() async throws {
        let customers = (1...25).map { "cus_\($0)" }
        let server = try Self.server(usageCalls: CallCounter(), customers: customers)
        let db = try SyncEndToEndTests.folder() + "/prolifi.sqlite"
        let sync = try await Program.run(
            Tmux.binary,
            [
                "sync", "--provider", "prolifi", "--base-url", server.baseURL + "/api/v1/public", "--db", db,
                "--since=-4d", "--rate-share", "1",
            ], extra: ["PROLIFI_API_KEY": Self.key])
        #expect(
            sync.status == 0 && sync.stdout.contains("verified 51 customer-metric-periods against prolifi: all agree"),
            "\(sync.stdout)\(sync.stderr)")
        let listed = try await Program.run(
            Tmux.binary, ["customers", "--db", db, "--metric", "rare_event", "--period", "-4d", "--format", "csv"])
        #expect(
            listed.status == 0 && listed.stdout.contains("cus_25,Company cus_25,9"), "\(listed.stdout)\(listed.stderr)")
        let none = listed.stdout.split(separator: "\n").filter { $0.hasPrefix("cus_1,") }
        #expect(none.first?.contains(",0,") == true, "the others count none: \(none)")
    }
}
