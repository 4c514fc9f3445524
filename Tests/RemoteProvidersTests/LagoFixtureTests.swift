import Foundation
import Testing
import UsageCore
@testable import RemoteProviders

/// Real payloads from Lago's official client libraries, read from `../shared/fixtures/lago` (never copied here).
@Suite(
    "Lago client fixtures decode",
    .enabled(if: LagoFixtures.folder != nil, "../shared/fixtures/lago not found: skipped"))
struct LagoFixtureTests {
    static var folder: URL? { LagoFixtures.folder }

    static func load(_ name: String) throws -> JSONValue {
        try JSONParser.parse(bytes: Array(try Data(contentsOf: folder!.appendingPathComponent(name))))
    }

    @Test func everyFixtureParses() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder!.path).filter {
            $0.hasSuffix(".json")
        }
        #expect(files.count >= 10)
        for file in files { _ = try Self.load(file) }
    }

    @Test func customersAndTheZeroNextPage() throws {
        let document = try Self.load("customers_index.go.json")
        let customers = (document["customers"]?.arrayValue ?? []).compactMap(LagoDecoding.customer)
        #expect(customers.map(\.id) == ["CUSTOMER_1", "CUSTOMER_2"])
        #expect(customers.map(\.name) == ["John Doe", "Jane Smith"])
        #expect(LagoDecoding.nextPage(document) == nil, "next_page 0 ends the listing like null")
    }

    @Test func billableMetricsWithSumAgg() throws {
        let document = try Self.load("billable_metric_index.python.json")
        let metrics = (document["billable_metrics"]?.arrayValue ?? []).compactMap(LagoDecoding.metric)
        #expect(metrics.map(\.code) == ["bm_code", "bm2_code"])
        #expect(metrics.allSatisfy { $0.aggregation == .sum && $0.field == "amount_sum" })
        #expect(LagoDecoding.nextPage(document) == 2)
        #expect(LagoDecoding.metric(try Self.load("billable_metric.ruby.json")["billable_metric"]!) != nil)
    }

    @Test(arguments: ["customer_usage.python.json", "customer_usage.ruby.json"])
    func currentUsageTotals(file: String) throws {
        let usage = LagoDecoding.usage(try Self.load(file)["customer_usage"]!)
        #expect(usage.currency == "EUR")
        let day = try #require(usage.period).start
        let period = Period(start: day, end: day.addingTimeInterval(86_400))
        let summary = try #require(
            LagoRows.summaries(
                customer: Customer(id: "c", name: "c"), usages: [usage, usage],
                metric: usage.charges[0].metric, requested: period
            ).first)
        #expect(summary.total == Decimal(string: "2.0"), "two subscriptions of 1.0 units each")
        #expect(summary.amounts == [Money(minorUnits: 246, currency: "EUR")])
        #expect(summary.periods == [usage.period!], "the numbers are for the billing period, not the one asked")
    }

    @Test(arguments: ["customer_past_usage.python.json", "customer_past_usage.ruby.json"])
    func pastUsagePeriods(file: String) throws {
        let document = try Self.load(file)
        let periods = (document["usage_periods"]?.arrayValue ?? []).map(LagoDecoding.usage)
        #expect(periods.first?.period.map { UTCTime.iso($0.start) } == "2022-07-01T00:00:00Z")
        #expect(periods.first?.charges.first?.units == 1)
        #expect(LagoDecoding.nextPage(document) == 2)
    }

    @Test func eventsKeepProperties() throws {
        let document = try Self.load("events_index.ruby.json")
        let events = (document["events"]?.arrayValue ?? []).compactMap {
            try? LagoDecoding.event($0, customerID: "c").get()
        }
        #expect(events.count == 1)
        #expect(events.first.map { UTCTime.iso($0.timestamp) } == "2022-04-29T08:59:51.998Z")
        #expect(events.first?.properties["custom_field"] == .number("12"))
    }

    @Test func errorBodiesBecomeOneLine() throws {
        let body = Array(try Data(contentsOf: Self.folder!.appendingPathComponent("error_422.ruby.json")))
        let error = APIClient.httpError(status: .unprocessableEntity, body: body, provider: "lago", call: "GET /events")
        #expect(error.description == "lago: GET /events: HTTP 422 Unprocessable Entity: Validation error on the record")
        let throttled = Array(try Data(contentsOf: Self.folder!.appendingPathComponent("error_429.go.json")))
        #expect(
            APIClient.httpError(status: .tooManyRequests, body: throttled, provider: "lago", call: "GET /x").description
                == "lago: GET /x: HTTP 429 Too Many Requests")
    }
}

/// Where the shared Lago fixtures are: `../shared/fixtures/lago` beside the checkout.
enum LagoFixtures {
    static let folder: URL? = {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 {
            dir.deleteLastPathComponent()
            let candidate = dir.appendingPathComponent("shared/fixtures/lago")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            let sibling = dir.deletingLastPathComponent().appendingPathComponent("shared/fixtures/lago")
            if FileManager.default.fileExists(atPath: sibling.path) { return sibling }
        }
        return nil
    }()
}
