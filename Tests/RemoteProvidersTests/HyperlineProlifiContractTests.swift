import Foundation
import HTTPTestSupport
import NIOHTTP1
import Testing
import UsageCore
@testable import RemoteProviders

@Suite("Hyperline and Prolifi contracts over HTTP")
struct HyperlineProlifiContractTests {
    static func api(_ server: TestHTTPServer, name: String, path: String = "") throws -> APIClient {
        APIClient(
            configuration: try APIConfiguration(
                providerName: name, baseURL: server.baseURL + path, apiKey: Secret("k")),
            sleep: { _ in }, jitter: { 0 })
    }

    static let period = Period(start: ISO8601Parser.parse("2026-11-01")!, end: ISO8601Parser.parse("2026-12-01")!)

    @Test func hyperlineCustomersPageWithTakeAndSkip() async throws {
        let server = try TestHTTPServer { request in
            if request.path.hasSuffix("/group-by-customer") {
                return .init(status: .notFound, body: #"{"message": "Cannot POST"}"#)
            }
            let skip = Int(request.query["skip"] ?? "0") ?? 0
            let count = skip == 0 ? 100 : 20
            let items = (0..<count).map { #"{"id": "cus_\#(skip + $0)", "name": "C\#(skip + $0)", "currency": "EUR"}"# }
            return .init(
                body:
                    #"{"meta": {"total": 120, "taken": \#(count), "skipped": \#(skip)}, "data": [\#(items.joined(separator: ","))]}"#
            )
        }
        let provider = HyperlineProvider(api: try Self.api(server, name: "hyperline"))
        let rows = try await provider.summaries(
            metric: Metric(code: "agg", name: "A", aggregation: .count), period: Self.period, trailingDays: 30,
            now: Date())
        #expect(rows.count == 120)
        #expect(server.requests.filter { $0.path == "/v1/customers" }.map { $0.query["skip"] } == ["0", "100"])
        #expect(server.requests.first { $0.path == "/v1/customers" }?.query["take"] == "100")
    }

    @Test func hyperlineTotalsFromTheBareUsageArray() async throws {
        let server = try TestHTTPServer { request in
            switch request.path {
            case "/v1/aggregators":
                return .init(
                    body:
                        #"{"meta": {"total": 2}, "data": [{"id": "agg_calls", "name": "Calls", "operation": "count"}, {"id": "agg_gb", "name": "GB", "operation": "sum", "property": "gb", "unit_name": "GB"}]}"#
                )
            case "/v1/customers/cus_1/usage":
                #expect(
                    request.query["start_date"] == "2026-11-01T00:00:00Z"
                        && request.query["end_date"] == "2026-12-01T00:00:00Z")
                return .init(
                    body: #"[{"aggregator_id": "agg_gb", "name": "GB", "unit_name": "GB", "total": 12.75, "count": 3}]"#
                )
            default:
                return .init(status: .notFound, body: #"{"message": "Customer not found"}"#)
            }
        }
        let provider = HyperlineProvider(api: try Self.api(server, name: "hyperline"))
        let totals = try await provider.totals(customerID: "cus_1", period: Self.period)
        #expect(totals.map(\.metric.code) == ["agg_calls", "agg_gb"])
        #expect(
            totals[1].value == Decimal(string: "12.75") && totals[1].eventCount == 3 && totals[1].metric.unit == "GB")
        #expect(totals[0].value == 0)
        do {
            _ = try await provider.totals(customerID: "nobody", period: Self.period)
            Issue.record("expected 404")
        } catch let error as APIError {
            #expect(
                error.description == "hyperline: GET /v1/customers/nobody/usage: HTTP 404 Not Found: Customer not found"
            )
        }
    }

    @Test func hyperlineFallsBackToPostAndRemembers() async throws {
        let server = try TestHTTPServer { request in
            guard request.method == "POST" else {
                return .init(status: .methodNotAllowed, body: #"{"message": "Method Not Allowed"}"#)
            }
            if request.path.hasSuffix("/events") {
                return .init(
                    body:
                        #"{"meta": {"total": 51, "taken": 1, "skipped": 50}, "data": [{"id": "ev_1", "name": "api_call", "timestamp": "2026-11-03T10:00:00.123Z", "payload": {"endpoint": "/v1/x"}}]}"#
                )
            }
            return .init(
                body:
                    #"{"timeseries": [{"tick": "2026-11-01T00:00:00Z", "count": 4}, {"tick": "2026-11-02T00:00:00Z", "count": 0.5}], "total": 4.5}"#
            )
        }
        let provider = HyperlineProvider(api: try Self.api(server, name: "hyperline"))
        let metric = Metric(code: "agg_1", name: "A", aggregation: .sum)
        let page = try await provider.events(
            customerID: "cus_1", metric: metric, period: Self.period, page: 1, pageSize: 50)
        #expect(page.items.map(\.transactionID) == ["ev_1"] && page.totalCount == 51 && page.pageCount == 2)
        #expect(page.items.first?.properties["endpoint"] == .string("/v1/x"))
        _ = try await provider.events(customerID: "cus_1", metric: metric, period: Self.period, page: 0, pageSize: 50)
        #expect(
            server.requests.map(\.method) == ["GET", "POST", "POST"], "after one refusal, events go straight to POST")
        #expect(
            server.requests[1].body.contains(#""skip": 50"#)
                && server.requests[1].body.contains(#""start_date": "2026-11-01T00:00:00Z""#))
        let series = try await provider.timeseries(metric: metric, customerID: nil, period: Self.period, bucket: .day)
        #expect(series.points.map(\.value) == [4, Decimal(string: "0.5")!] && series.total == Decimal(string: "4.5"))
        #expect(server.requests.last?.path == "/v1/aggregators/agg_1/usage/timeseries")
    }

    @Test func prolifiUsageWithInclusiveDatesAndNoTimeseries() async throws {
        let server = try TestHTTPServer { request in
            switch request.path {
            case "/api/v1/public/customers":
                let offset = Int(request.query["offset"] ?? "0") ?? 0
                let more = offset == 0 ? "true" : "false"
                return .init(
                    body:
                        #"{"data": [{"id": "u\#(offset)", "company_name": "Co \#(offset)"}], "pagination": {"total": 2, "limit": 100, "offset": \#(offset), "has_more": \#(more)}}"#
                )
            case let path where path.hasSuffix("/usage"):
                return .init(
                    body:
                        #"{"data": [{"event_name": "api_call", "count": 42, "last_reported_at": "2026-11-20T10:00:00Z"}, {"event_name": "export", "count": 3, "last_reported_at": null}]}"#
                )
            default:
                return .init(
                    status: .tooManyRequests,
                    body: #"{"error": {"type": "rate_limit_error", "message": "Too many requests"}}"#)
            }
        }
        let service = DataService(
            provider: ProlifiProvider(api: try Self.api(server, name: "prolifi", path: "/api/v1/public")))
        let totals = try await service.totals(customerID: "u0", period: Self.period)
        #expect(totals.map(\.metric.code) == ["api_call", "export"] && totals[0].value == 42)
        let usageRequest = try #require(server.requests.first { $0.path.hasSuffix("/usage") })
        #expect(usageRequest.query["start_date"] == "2026-11-01" && usageRequest.query["end_date"] == "2026-11-30")
        let rows = try await service.summaries(
            metric: Metric(code: "api_call", name: "api_call", aggregation: .count), period: Self.period,
            trailingDays: 30, now: Date())
        #expect(rows.map(\.customer.name) == ["Co 0", "Co 1"] && rows.allSatisfy { $0.total == 42 })
        await #expect(throws: UsageError(.unsupported, "timeseries not offered by prolifi")) {
            try await service.timeseries(metric: totals[0].metric, customerID: "u0", period: Self.period, bucket: .day)
        }
        await #expect(throws: UsageError(.unsupported, "events not offered by prolifi")) {
            try await service.events(
                customerID: "u0", metric: totals[0].metric, period: Self.period, page: 0, pageSize: 10)
        }
    }

    @Test func prolifiErrorBodiesAreRead() throws {
        let body = Array(#"{"error": {"type": "authentication_error", "message": "Invalid API key"}}"#.utf8)
        #expect(
            APIClient.httpError(status: .unauthorized, body: body, provider: "prolifi", call: "GET /customers")
                .description
                == "prolifi: GET /customers: HTTP 401 Unauthorized: Invalid API key (authentication_error)")
    }
}
