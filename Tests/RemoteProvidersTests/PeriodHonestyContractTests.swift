import Foundation
import HTTPTestSupport
import Synchronization
import Testing
import UsageCore
@testable import RemoteProviders

/// Prolifi answers whole days and Hyperline answers any period; neither may relabel, drop or mix numbers.
@Suite("Prolifi and Hyperline answer the period they name")
struct PeriodHonestyContractTests {
    static func api(_ server: TestHTTPServer, name: String, path: String = "") throws -> APIClient {
        APIClient(
            configuration: try APIConfiguration(
                providerName: name, baseURL: server.baseURL + path, apiKey: Secret("k")),
            sleep: { _ in }, jitter: { 0 })
    }

    static let hour = Period(
        start: ISO8601Parser.parse("2026-11-20T10:00:00Z")!, end: ISO8601Parser.parse("2026-11-20T11:00:00Z")!)
    static let day = Period(
        start: ISO8601Parser.parse("2026-11-20T00:00:00Z")!, end: ISO8601Parser.parse("2026-11-21T00:00:00Z")!)

    /// Customers u0 and u1; u0 used `api_call` (last at 10:00) and `export` (last at 18:00, later), u1 only `export`.
    static func prolifi() throws -> TestHTTPServer {
        try TestHTTPServer { request in
            switch request.path {
            case "/customers":
                return .init(
                    body:
                        #"{"data": [{"id": "u0", "company_name": "Co 0"}, {"id": "u1", "company_name": "Co 1"}], "pagination": {"total": 2, "limit": 100, "offset": 0, "has_more": false}}"#
                )
            case "/customers/u0/usage":
                let rows = [
                    #"{"event_name": "api_call", "count": 42, "last_reported_at": "2026-11-20T10:00:00Z"}"#,
                    #"{"event_name": "export", "count": 3, "last_reported_at": "2026-11-20T18:00:00Z"}"#,
                ]
                let chosen =
                    request.query["event_name"].map { name in rows.filter { $0.contains("\"\(name)\"") } } ?? rows
                return .init(body: #"{"data": [\#(chosen.joined(separator: ","))]}"#)
            case "/customers/u1/usage":
                let all = request.query["event_name"] == nil || request.query["event_name"] == "archive"
                return .init(
                    body: all
                        ? #"{"data": [{"event_name": "archive", "count": 1, "last_reported_at": null}]}"#
                        : #"{"data": []}"#)
            default:
                return .init(status: .notFound, body: #"{"error": {"type": "not_found", "message": "Not found"}}"#)
            }
        }
    }

    @Test func prolifiWidensAnHourToItsWholeDayAndSaysSo() async throws {
        let server = try Self.prolifi()
        let provider = ProlifiProvider(api: try Self.api(server, name: "prolifi"))
        let totals = try await provider.totals(customerID: "u0", period: Self.hour)
        #expect(totals.map(\.value) == [42, 3])
        #expect(totals.allSatisfy { $0.period == Self.day }, "the counts are the whole day's, and say so")
        let asked = try #require(server.requests.first { $0.path == "/customers/u0/usage" })
        #expect(asked.query["start_date"] == "2026-11-20" && asked.query["end_date"] == "2026-11-20")
        let whole = try await provider.totals(customerID: "u0", period: Self.day)
        #expect(whole.allSatisfy { $0.period == nil }, "a whole day is answered exactly")
    }

    @Test func prolifiLastEventIsTheMetricsOwn() async throws {
        let server = try Self.prolifi()
        let provider = ProlifiProvider(api: try Self.api(server, name: "prolifi"))
        let rows = try await provider.summaries(
            metric: ProlifiProvider.metric("api_call"), period: Self.day, trailingDays: 1, now: Self.day.end)
        let u0 = try #require(rows.first { $0.customer.id == "u0" })
        #expect(u0.total == 42)
        #expect(u0.lastEventAt == ISO8601Parser.parse("2026-11-20T10:00:00Z"), "not the later export")
        #expect(u0.periods.isEmpty)
        let hourly = try await provider.summaries(
            metric: ProlifiProvider.metric("api_call"), period: Self.hour, trailingDays: 1, now: Self.day.end)
        #expect(hourly.allSatisfy { $0.periods == [Self.day] })
    }

    @Test func aProlifiMetricSeenAnywhereIsUsableEverywhere() async throws {
        let server = try Self.prolifi()
        let service = DataService(provider: ProlifiProvider(api: try Self.api(server, name: "prolifi")))
        let metric = try await service.metric(code: "archive")
        #expect(metric.code == "archive" && metric.aggregation == .count)
        let rows = try await service.summaries(metric: metric, period: Self.day, trailingDays: 1, now: Self.day.end)
        #expect(rows.first { $0.customer.id == "u1" }?.total == 1)
    }

    @Test func alertsAreNeverComputedFromAnotherPeriod() async throws {
        let server = try Self.prolifi()
        let service = DataService(provider: ProlifiProvider(api: try Self.api(server, name: "prolifi")))
        await #expect(
            throws: UsageError(.unsupported, "hourly usage not offered by prolifi: it answers whole days only")
        ) {
            try await service.activity(
                metrics: [ProlifiProvider.metric("api_call")], baselineDays: 7, now: Self.hour.start)
        }
    }

    @Test func hyperlineReadsEveryCustomerTotalInBulkWhenTheServerHasIt() async throws {
        let server = try TestHTTPServer { request in
            switch request.path {
            case "/v1/customers":
                let skip = Int(request.query["skip"] ?? "0") ?? 0
                let items = (skip..<min(skip + 100, 150)).map { #"{"id": "cus_\#($0)", "name": "C\#($0)"}"# }
                return .init(body: #"{"meta": {"total": 150}, "data": [\#(items.joined(separator: ","))]}"#)
            case "/v1/aggregators/agg/usage/group-by-customer":
                let skip = Int(request.body.firstMatch(of: /"skip": ?(\d+)/)?.1 ?? "0") ?? 0
                let users = (0..<150).filter { $0 % 2 == 0 }
                let items = users.dropFirst(skip).prefix(50)
                    .map { #"{"customer_id": "cus_\#($0)", "total": \#($0).5, "subscription_ids": []}"# }
                return .init(body: #"{"meta": {"total": 75}, "data": [\#(items.joined(separator: ","))]}"#)
            default:
                return .init(status: .notFound, body: #"{"message": "Not found"}"#)
            }
        }
        let provider = HyperlineProvider(api: try Self.api(server, name: "hyperline"))
        let reports = Mutex<[SummaryProgress]>([])
        let rows = try await provider.summaries(
            metric: Metric(code: "agg", name: "A", aggregation: .sum), period: Self.day,
            trailingDays: 1, now: Self.day.end
        ) { report in reports.withLock { $0.append(report) } }
        #expect(rows.count == 150)
        let early = reports.withLock { $0 }.flatMap(\.rows)
        #expect(
            !early.isEmpty && reports.withLock { $0 }.first?.total == 150,
            "rows joined as pages arrive, sized by the listing")
        #expect(
            early.allSatisfy { row in rows.first { $0.customer.id == row.customer.id }?.total == row.total },
            "an early row is already the final one")
        #expect(rows.first { $0.customer.id == "cus_4" }?.total == Decimal(string: "4.5"))
        #expect(rows.first { $0.customer.id == "cus_5" }?.total == 0)
        #expect(!server.requests.contains { $0.path.hasSuffix("/usage") }, "no call per customer")
    }

    @Test func hyperlineCustomerNotFoundIsNotARouteThatWantsPost() async throws {
        let server = try TestHTTPServer { _ in .init(status: .notFound, body: #"{"message": "Customer not found"}"#) }
        let provider = HyperlineProvider(api: try Self.api(server, name: "hyperline"))
        await #expect(throws: APIError.self) {
            try await provider.events(
                customerID: "nobody", metric: Metric(code: "agg", name: "A", aggregation: .count),
                period: Self.day, page: 0, pageSize: 10)
        }
        #expect(server.requests.map(\.method) == ["GET"], "a missing customer is not retried as POST")
    }
}

/// Hyperline's aggregator filters narrow series and events; providers without filters refuse one by name.
@Suite("Metric filters")
struct MetricFilterTests {
    @Test func hyperlineSendsTheChosenFilterToSeriesAndEvents() async throws {
        let server = try TestHTTPServer { request in
            switch request.path {
            case "/v1/aggregators":
                return .init(
                    body:
                        #"{"meta": {"total": 1}, "data": [{"id": "agg", "name": "Calls", "operation": "count", "filters": [{"id": "flt_eu", "name": "region: eu"}, {"id": "flt_us", "name": "region: us"}]}]}"#
                )
            case let path where path.hasSuffix("/timeseries"):
                let value = request.query["aggregator_filter_id"] == "flt_eu" ? 3 : 10
                return .init(
                    body: #"{"timeseries": [{"tick": "2026-11-20T00:00:00Z", "count": \#(value)}], "total": \#(value)}"#
                )
            default:
                return .init(body: #"{"meta": {"total": 0}, "data": []}"#)
            }
        }
        let service = DataService(
            provider: HyperlineProvider(api: try PeriodHonestyContractTests.api(server, name: "hyperline")),
            cache: .remote)
        let metric = try await service.metric(code: "agg")
        #expect(metric.filters.map(\.name) == ["region: eu", "region: us"])
        let eu = metric.nextFilter()
        #expect(eu.displayName == "Calls [region: eu]")
        let all = try await service.timeseries(
            metric: metric, customerID: "cus_1", period: PeriodHonestyContractTests.day, bucket: .day)
        let narrowed = try await service.timeseries(
            metric: eu, customerID: "cus_1", period: PeriodHonestyContractTests.day, bucket: .day)
        #expect(
            all.total == 10 && narrowed.total == 3,
            "the filtered series is its own answer, never the cached unfiltered one")
        _ = try await service.events(
            customerID: "cus_1", metric: eu, period: PeriodHonestyContractTests.day, page: 0, pageSize: 10)
        #expect(server.requests.last?.query["aggregator_filter_id"] == "flt_eu")
        #expect(
            eu.nextFilter().filter?.id == "flt_us" && eu.nextFilter().nextFilter().filter == nil, "f cycles back to all"
        )
    }

    @Test func aProviderWithoutFiltersRefusesOneByName() async throws {
        let server = try LagoServer.start()
        let service = DataService(provider: try LagoServer.provider(server))
        let metric = Metric(code: "api_calls", name: "API calls", aggregation: .count).filtered(by: "flt_eu")
        await #expect(throws: UsageError(.unsupported, "filter 'flt_eu' not offered by lago: it has no metric filters"))
        {
            try await service.timeseries(
                metric: metric, customerID: "acme", period: PeriodHonestyContractTests.day, bucket: .day)
        }
        #expect(server.requests.isEmpty, "refused before any call")
    }
}
