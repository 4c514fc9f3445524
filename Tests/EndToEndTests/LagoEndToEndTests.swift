import Foundation
import HTTPTestSupport
import Testing

/// The real binary against a Lago-shaped server whose billing period starts mid-month: every number names the
/// period it answers, two charges on one metric are never added, and money shows in its currency.
@Suite("End to end against Lago billing periods", .serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct LagoEndToEndTests {
    static let key = "lago_e2e_key_never_shown"

    /// The current billing period: from five days ago to 25 days ahead, at whole days (an anniversary subscription).
    static var billing: (start: Date, end: Date) {
        let day = floor(Date().timeIntervalSince1970 / 86_400) * 86_400
        return (Date(timeIntervalSince1970: day - 5 * 86_400), Date(timeIntervalSince1970: day + 25 * 86_400))
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    static func server(hostile: Bool = false) throws -> TestHTTPServer {
        let (start, end) = billing
        let name = hostile ? #"Acme\u001b]0;owned\u0007\u001b[31m Corp"# : "Acme Corp"
        let currency = hostile ? #"E\u001b[2JUR"# : "EUR"
        let from = iso(start), to = iso(end.addingTimeInterval(-1))
        return try TestHTTPServer { request in
            switch request.path {
            case "/api/v1/customers":
                return .init(
                    body:
                        #"{"customers": [{"external_id": "acme", "name": "Acme Corp", "currency": "EUR"}], "meta": {"next_page": null, "total_pages": 1}}"#
                )
            case "/api/v1/customers/acme":
                return .init(body: #"{"customer": {"external_id": "acme", "name": "\#(name)", "currency": "EUR"}}"#)
            case "/api/v1/billable_metrics":
                return .init(
                    body:
                        #"{"billable_metrics": [{"code": "api_calls", "name": "API calls", "aggregation_type": "count_agg"}], "meta": {"next_page": null}}"#
                )
            case "/api/v1/subscriptions":
                return .init(
                    body:
                        #"{"subscriptions": [{"external_id": "s1", "status": "active", "started_at": "2026-01-01T00:00:00Z"}], "meta": {"next_page": null}}"#
                )
            case "/api/v1/customers/acme/current_usage":
                let charge = { (code: String, name: String, cents: Int) in
                    #"{"units": "1500.0", "events_count": 1500, "amount_cents": \#(cents), "amount_currency": "EUR", "charge": {"code": "\#(code)", "charge_model": "standard", "invoice_display_name": "\#(name)"}, "billable_metric": {"code": "api_calls", "name": "API calls", "aggregation_type": "count_agg"}, "filters": [], "grouped_usage": []}"#
                }
                return .init(
                    body:
                        #"{"customer_usage": {"from_datetime": "\#(from)", "to_datetime": "\#(to)", "lago_invoice_id": null, "currency": "\#(currency)", "amount_cents": 1800, "taxes_amount_cents": 360, "total_amount_cents": 2160, "charges_usage": [\#(charge("std", "Per call", 1500)), \#(charge("pkg", "Package", 300))]}}"#
                )
            case "/api/v1/customers/acme/past_usage":
                return .init(body: #"{"usage_periods": [], "meta": {"next_page": null}}"#)
            case "/api/v1/customers/acme/projected_usage":
                return .init(
                    status: .forbidden,
                    body: #"{"status": 403, "error": "Forbidden", "code": "projected_usage_not_enabled"}"#)
            default:
                return .init(status: .notFound, body: #"{"status": 404, "error": "Not Found", "code": "not_found"}"#)
            }
        }
    }

    @Test func headlessOutputNamesTheBillingPeriodOfItsNumbers() async throws {
        let server = try Self.server()
        let (start, end) = Self.billing
        let day = Self.iso(start.addingTimeInterval(86_400)), next = Self.iso(start.addingTimeInterval(2 * 86_400))
        let base = [
            "--provider", "lago", "--base-url", server.baseURL + "/api/v1", "--from", day, "--to", next, "--format",
            "json",
        ]
        let snapshot = try await Program.run(
            Tmux.binary, ["snapshot", "--customer", "acme"] + base, extra: ["LAGO_API_KEY": Self.key])
        #expect(snapshot.status == 0, "\(snapshot.stderr)")
        let period = #""period": {"start": "\#(Self.iso(start))", "end": "\#(Self.iso(end))"}"#
        #expect(snapshot.stdout.contains(period), "the period of the numbers, not the day asked:\n\(snapshot.stdout)")
        #expect(snapshot.stdout.contains(#""requested_period": {"start": "\#(day)", "end": "\#(next)"}"#))
        #expect(
            snapshot.stdout.contains(#""charge": "Package""#)
                && snapshot.stdout.contains(#""amount": 3.00, "currency": "EUR""#))
        #expect(snapshot.stdout.contains(#""taxes_amount_cents": 360"#))
        let customers = try await Program.run(Tmux.binary, ["customers"] + base, extra: ["LAGO_API_KEY": Self.key])
        #expect(
            customers.stdout.contains(#""total": 1500,"#),
            "two charges of 1,500 calls are 1,500 calls:\n\(customers.stdout)")
        #expect(customers.stdout.contains(#""amounts": [{"amount_cents": 1800, "amount": 18.00, "currency": "EUR"}]"#))
        #expect(customers.stdout.contains(#""period": null"#) == false && customers.stdout.contains(period))
        #expect(!(snapshot.stdout + snapshot.stderr + customers.stdout + customers.stderr).contains(Self.key))
    }

    @Test func theDashboardSaysWhichPeriodItsNumbersAnswer() async throws {
        let server = try Self.server()
        let (start, end) = Self.billing
        func day(_ date: Date) -> String { String(Self.iso(date).prefix(10)) }
        let span = "\(day(start)) → \(day(end.addingTimeInterval(-1)))"
        let tmux = try await Tmux(
            width: 160, height: 30, arguments: "--provider lago --base-url \(server.baseURL)/api/v1",
            environment: "LAGO_API_KEY=\(Self.key)")
        let table = await tmux.waitFor { $0.contains("Acme Corp") && $0.contains("EUR 18.00") }
        #expect(table.ok, "the amount in the customers table:\n\(table.screen)")
        #expect(table.screen.contains("numbers for \(span)"), "the header names the billing period:\n\(table.screen)")
        try await tmux.send("Enter")
        let usage = await tmux.waitFor { $0.contains("API calls · Package") && $0.contains("taxes EUR 3.60") }
        #expect(usage.ok, "one row per charge and the period's bill:\n\(usage.screen)")
        #expect(usage.screen.contains("API calls · Per call") && usage.screen.contains("total EUR 21.60"))
        #expect(usage.screen.contains("by billing period"), "the trend is per billing period, not per day")
        #expect(!usage.screen.contains(Self.key))
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }

    @Test func namesAndCurrenciesFromTheServerNeverReachTheTerminalAsEscapes() async throws {
        let server = try Self.server(hostile: true)
        let table = try await Program.run(
            Tmux.binary,
            [
                "snapshot", "--customer", "acme", "--provider", "lago", "--base-url", server.baseURL + "/api/v1",
            ], extra: ["LAGO_API_KEY": Self.key])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(
            table.stdout.contains("Acme") && !table.stdout.contains("\u{1B}") && !table.stdout.contains("\u{07}"),
            "the heading, the rows and the bill lines are inert text:\n\(table.stdout)")
    }

    @Test func at80x24TheHeaderStillNamesTheBillingPeriod() async throws {
        let server = try Self.server()
        let (start, end) = Self.billing
        func day(_ date: Date) -> String { String(Self.iso(date).prefix(10)) }
        let tmux = try await Tmux(
            width: 80, height: 24, arguments: "--provider lago --base-url \(server.baseURL)/api/v1",
            environment: "LAGO_API_KEY=\(Self.key)")
        let table = await tmux.waitFor { $0.contains("Acme Corp") && $0.contains("1,500") }
        #expect(table.ok, "\(table.screen)")
        #expect(
            table.screen.contains("numbers for \(day(start)) → \(day(end.addingTimeInterval(-1)))"),
            "a narrow header drops detail, never the period of the numbers:\n\(table.screen)")
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }
}
