import Foundation
import HTTPTestSupport
@testable import RemoteProviders
import UsageCore

/// A Lago server in the shapes of lago-api's serializers, for one account: customer `acme` (EUR) with an
/// anniversary subscription `s1` (current period 2026-11-14 → 2026-12-13, one invoiced period before it) billing
/// `api_calls` through a standard and a package charge, a weighted-sum metric and a metric deleted from the list;
/// and a terminated subscription `s2` with one invoiced period in September. `yen` (JPY) and `kw` (KWD) price the
/// same usage in other currencies.
enum LagoServer {
    static let key = "lago-secret-key-123"

    static func start() throws -> TestHTTPServer {
        try TestHTTPServer { request in reply(request) }
    }

    static func provider(_ server: TestHTTPServer) throws -> LagoProvider {
        let configuration = try APIConfiguration(
            providerName: "lago", baseURL: server.baseURL + "/api/v1", apiKey: Secret(key))
        return LagoProvider(api: APIClient(configuration: configuration, sleep: { _ in }, jitter: { 0 }))
    }

    static func date(_ text: String) -> Date { ISO8601Parser.parse(text)! }

    static func reply(_ request: TestHTTPServer.Request) -> TestHTTPServer.Reply {
        let customer = request.path.split(separator: "/").dropFirst(3).first.map(String.init) ?? ""
        let subscription = request.query["external_subscription_id"] ?? ""
        switch request.path {
        case "/api/v1/customers":
            return .init(
                body:
                    #"{"customers": [{"external_id": "acme", "name": "Acme", "currency": "EUR"}, {"external_id": "yen", "name": "Yen Co", "currency": "JPY"}, {"external_id": "kw", "name": "KW Co", "currency": "KWD"}], "meta": {"next_page": null}}"#
            )
        case "/api/v1/customers/\(customer)" where !customer.isEmpty:
            return .init(body: #"{"customer": {"external_id": "\#(customer)", "name": "\#(customer)"}}"#)
        case "/api/v1/billable_metrics":
            return .init(
                body:
                    #"{"billable_metrics": [{"code": "api_calls", "name": "API calls", "aggregation_type": "count_agg"}, {"code": "seats", "name": "Seats", "aggregation_type": "weighted_sum_agg", "field_name": "seats"}], "meta": {"next_page": null}}"#
            )
        case "/api/v1/subscriptions":
            let owner = request.query["external_customer_id"] ?? ""
            let items =
                owner == "acme"
                ? #"{"external_id": "s1", "status": "active", "started_at": "2026-08-14T00:00:00Z"}, {"external_id": "s2", "status": "terminated", "started_at": "2026-09-01T00:00:00Z", "terminated_at": "2026-09-30T12:00:00Z"}"#
                : #"{"external_id": "\#(owner)-s", "status": "active", "started_at": "2026-08-14T00:00:00Z"}"#
            return .init(body: #"{"subscriptions": [\#(items)], "meta": {"next_page": null}}"#)
        case "/api/v1/customers/\(customer)/current_usage":
            guard subscription != "s2" else {
                return .init(
                    status: .methodNotAllowed,
                    body: #"{"status": 405, "error": "Method Not Allowed", "code": "no_active_subscription"}"#)
            }
            return .init(
                body:
                    #"{"customer_usage": \#(usage(customer, from: "2026-11-14", to: "2026-12-13", calls: 1500, invoice: nil))}"#
            )
        case "/api/v1/customers/\(customer)/past_usage":
            let periods =
                subscription == "s2"
                ? [usage(customer, from: "2026-09-01", to: "2026-09-30", calls: 70, invoice: "inv-2")]
                : [usage(customer, from: "2026-10-14", to: "2026-11-13", calls: 900, invoice: "inv-1")]
            return .init(body: #"{"usage_periods": [\#(periods.joined(separator: ","))], "meta": {"next_page": null}}"#)
        case "/api/v1/customers/\(customer)/projected_usage":
            guard customer == "yen" else {
                return .init(
                    status: .forbidden,
                    body: #"{"status": 403, "error": "Forbidden", "code": "projected_usage_not_enabled"}"#)
            }
            return .init(
                body:
                    #"{"customer_projected_usage": {"currency": "JPY", "projected_amount_cents": 4200, "charges_usage": []}}"#
            )
        case "/api/v1/events":
            return events(
                subscription: subscription, page: Int(request.query["page"] ?? "1") ?? 1,
                perPage: Int(request.query["per_page"] ?? "100") ?? 100)
        default:
            return .init(
                status: .notFound, body: #"{"status": 404, "error": "Not Found", "code": "customer_not_found"}"#)
        }
    }

    /// One billing period's usage: `calls` API calls billed by a standard charge (1 minor unit each) and by a
    /// package charge (per started 500, 100 minor units each), 3.5 weighted seats, and `0.0000000001` of a metric
    /// missing from the list.
    static func usage(_ customer: String, from: String, to: String, calls: Int, invoice: String?) -> String {
        let currency = ["yen": "JPY", "kw": "KWD"][customer] ?? "EUR"
        let package = (calls + 499) / 500 * 100
        // The standard charge splits its calls by filter (region: two thirds eu, the rest us) and by group (agent:
        // four fifths web, the rest cli, with the region filters inside each group).
        let eu = calls * 2 / 3, web = calls * 4 / 5
        func part(_ key: String, _ value: String, _ units: Int, list: Bool) -> String {
            let values = list ? #"{"\#(key)": ["\#(value)"]}"# : #"{"\#(key)": "\#(value)"}"#
            return
                #"{"units": "\#(units).0", "events_count": \#(units), "amount_cents": \#(units), "\#(list ? "values" : "grouped_by")": \#(values)}"#
        }
        let filters = [part("region", "eu", eu, list: true), part("region", "us", calls - eu, list: true)]
        let groups = [("web", web), ("cli", calls - web)].map { agent, units in
            String(part("agent", agent, units, list: false).dropLast())
                + #", "filters": [\#(part("region", "eu", units / 2, list: true))]}"#
        }
        let charge = { (code: String, name: String?, model: String, cents: Int) in
            let splits =
                code == "calls_std" ? (filters.joined(separator: ", "), groups.joined(separator: ", ")) : ("", "")
            return
                #"{"units": "\#(calls).0", "events_count": \#(calls), "amount_cents": \#(cents), "amount_currency": "\#(currency)", "charge": {"lago_id": "ch-\#(code)", "code": "\#(code)", "charge_model": "\#(model)", "invoice_display_name": \#(name.map { "\"\($0)\"" } ?? "null")}, "billable_metric": {"lago_id": "bm-1", "name": "API calls", "code": "api_calls", "aggregation_type": "count_agg"}, "filters": [\#(splits.0)], "grouped_usage": [\#(splits.1)]}"#
        }
        let seats =
            #"{"units": "3.5", "events_count": 4, "amount_cents": 350, "amount_currency": "\#(currency)", "charge": {"code": "seats_std", "charge_model": "standard", "invoice_display_name": null}, "billable_metric": {"name": "Seats", "code": "seats", "aggregation_type": "weighted_sum_agg"}, "filters": [], "grouped_usage": []}"#
        let ghost =
            #"{"units": "0.0000000001", "events_count": 1, "amount_cents": 0, "amount_currency": "\#(currency)", "charge": {"code": "storage_std", "charge_model": "standard"}, "billable_metric": {"name": "Storage", "code": "storage_gb", "aggregation_type": "sum_agg"}, "filters": [], "grouped_usage": []}"#
        let amount = calls + package + 350
        return
            #"{"from_datetime": "\#(from)T00:00:00Z", "to_datetime": "\#(to)T23:59:59Z", "issuing_date": "\#(to)", "lago_invoice_id": \#(invoice.map { "\"\($0)\"" } ?? "null"), "currency": "\#(currency)", "amount_cents": \#(amount), "taxes_amount_cents": \#(amount / 5), "total_amount_cents": \#(amount + amount / 5), "charges_usage": [\#(charge("calls_std", nil, "standard", calls)), \#(charge("calls_pkg", "API package", "package", package)), \#(seats), \#(ghost)]}"#
    }

    /// `s1` has events at 10:00:00.000 + n minutes on 2026-11-20 (n = 0, 2, 4, …, 8); `s2` at odd minutes; Lago
    /// lists them newest first.
    static func events(subscription: String, page: Int, perPage: Int) -> TestHTTPServer.Reply {
        let minutes = subscription == "s1" ? [8, 6, 4, 2, 0] : (subscription == "s2" ? [9, 7, 5, 3, 1] : [])
        let slice = minutes.dropFirst((page - 1) * perPage).prefix(perPage)
        let items = slice.map { m in
            #"{"lago_id": "e\#(m)", "transaction_id": "tx-\#(m)", "code": "api_calls", "timestamp": "2026-11-20T10:0\#(m):00.000Z", "properties": {}, "external_subscription_id": "\#(subscription)"}"#
        }
        return .init(
            body:
                #"{"events": [\#(items.joined(separator: ","))], "meta": {"current_page": \#(page), "total_count": \#(minutes.count)}}"#
        )
    }
}
