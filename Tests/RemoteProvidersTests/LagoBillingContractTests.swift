import Foundation
import HTTPTestSupport
import Testing
import UsageCore
@testable import RemoteProviders

/// Lago's numbers are billing periods and charges: every total names the period it answers, charges on one metric
/// are never added, nothing the server returned is dropped, and money keeps its currency.
@Suite("Lago billing periods, charges and money")
struct LagoBillingContractTests {
    let current = Period(start: LagoServer.date("2026-11-14T00:00:00Z"), end: LagoServer.date("2026-12-14T00:00:00Z"))
    let previous = Period(start: LagoServer.date("2026-10-14T00:00:00Z"), end: LagoServer.date("2026-11-14T00:00:00Z"))
    let september = Period(start: LagoServer.date("2026-09-01T00:00:00Z"), end: LagoServer.date("2026-10-01T00:00:00Z"))

    @Test func theCurrentBillingPeriodAskedExactlyIsAnsweredAsAsked() async throws {
        let server = try LagoServer.start()
        let totals = try await LagoServer.provider(server).totals(customerID: "acme", period: current)
        #expect(totals.allSatisfy { $0.period == nil }, "the numbers answer exactly the period asked")
        #expect(
            totals.map(\.label) == [
                "API calls · API package · s1", "API calls · calls_std · s1", "Seats · s1", "Storage · s1",
            ],
            "each row names the subscription that bills it")
        #expect(totals.map(\.value) == [1500, 1500, Decimal(string: "3.5")!, Decimal(string: "0.0000000001")!])
        #expect(totals.map(\.amountCents) == [300, 1500, 350, 0])
        #expect(totals[2].metric.aggregation == .weightedSum, "weighted_sum_agg is not a sum")
        #expect(totals[3].metric.code == "storage_gb", "a metric missing from the list keeps its usage, under its code")
        #expect(
            !server.requests.contains { $0.path.hasSuffix("/past_usage") }, "no history needed for the current period")
    }

    @Test func aCalendarMonthIsAnsweredByTheBillingPeriodsThatOverlapItEachNamed() async throws {
        let server = try LagoServer.start()
        let november = Period.month(containing: LagoServer.date("2026-11-20T00:00:00Z"))
        let totals = try await LagoServer.provider(server).totals(customerID: "acme", period: november)
        let calls = totals.filter { $0.metric.code == "api_calls" && $0.charge == "calls_std" }
        #expect(calls.map(\.period) == [previous, current], "two billing periods overlap November; each is named")
        #expect(calls.map(\.value) == [900, 1500])
        #expect(!totals.contains { $0.period == september }, "the terminated subscription's September is outside")
    }

    @Test func theCustomersTableNeverAddsTwoChargesOfOneMetric() async throws {
        let server = try LagoServer.start()
        let metric = Metric(code: "api_calls", name: "API calls", aggregation: .count)
        let rows = try await LagoServer.provider(server)
            .summaries(metric: metric, period: current, trailingDays: 1, now: current.start)
        let acme = try #require(rows.first { $0.customer.id == "acme" })
        #expect(acme.total == 1500, "1,500 calls billed by two charges are 1,500 calls, not 3,000")
        #expect(acme.amounts == [Money(minorUnits: 1800, currency: "EUR")], "both charges' amounts are billed")
        #expect(acme.periods.isEmpty)
        #expect(rows.first { $0.customer.id == "yen" }?.amounts == [Money(minorUnits: 1800, currency: "JPY")])
        let previousRows = try await LagoServer.provider(server)
            .summaries(
                metric: metric, period: Period(start: previous.start, end: current.end), trailingDays: 1,
                now: current.start)
        let both = try #require(previousRows.first { $0.customer.id == "acme" })
        #expect(both.total == 2400 && both.periods.isEmpty, "two whole billing periods answer their union exactly")
    }

    @Test func aDayInsideABillingPeriodIsAnsweredByThatPeriodAndSaysSo() async throws {
        let server = try LagoServer.start()
        let day = Period(start: LagoServer.date("2026-11-20T00:00:00Z"), end: LagoServer.date("2026-11-21T00:00:00Z"))
        let metric = Metric(code: "api_calls", name: "API calls", aggregation: .count)
        let rows = try await LagoServer.provider(server).summaries(
            metric: metric, period: day, trailingDays: 1, now: day.start)
        #expect(rows.first { $0.customer.id == "acme" }?.periods == [current])
    }

    @Test func historyIncludesTerminatedSubscriptionsAndLabelsEachBillingPeriod() async throws {
        let server = try LagoServer.start()
        let metric = Metric(code: "api_calls", name: "API calls", aggregation: .count)
        let range = Period(start: september.start, end: current.end)
        let series = try await LagoServer.provider(server)
            .timeseries(metric: metric, customerID: "acme", period: range, bucket: .day)
        #expect(series.isPerBillingPeriod && series.bucketLabel == "billing period")
        #expect(series.points.map(\.start) == [september.start, previous.start, current.start])
        #expect(series.points.map(\.end) == [september.end, previous.end, current.end])
        #expect(series.points.map(\.value) == [70, 900, 1500])
        let october = try await LagoServer.provider(server)
            .timeseries(
                metric: metric, customerID: "acme", period: Period.month(containing: previous.start), bucket: .day)
        #expect(october.points.map(\.start) == [previous.start], "only periods overlapping the range asked")
    }

    @Test func eventsMergeEverySubscriptionNewestFirstAcrossPages() async throws {
        let server = try LagoServer.start()
        let metric = Metric(code: "api_calls", name: "API calls", aggregation: .count)
        let provider = try LagoServer.provider(server)
        let first = try await provider.events(
            customerID: "acme", metric: metric, period: Period(start: september.start, end: current.end), page: 0,
            pageSize: 4)
        let second = try await provider.events(
            customerID: "acme", metric: metric, period: Period(start: september.start, end: current.end), page: 1,
            pageSize: 4)
        #expect(first.items.map(\.transactionID) == ["tx-9", "tx-8", "tx-7", "tx-6"])
        #expect(second.items.map(\.transactionID) == ["tx-5", "tx-4", "tx-3", "tx-2"])
        #expect(first.totalCount == 10 && first.newestFirst == true, "Lago lists newest first, and the page says so")
        let to = server.requests.first { $0.path == "/api/v1/events" }?.query["timestamp_to"]
        #expect(
            to == "2026-12-13T23:59:59.999Z", "Lago's timestamp_to is inclusive: the half-open end's last millisecond")
    }

    @Test func billsCarryTaxesTotalsAndProjectionsOnlyWhereLagoHasThem() async throws {
        let server = try LagoServer.start()
        let provider = try LagoServer.provider(server)
        let acme = try await provider.report(
            customerID: "acme", period: Period(start: previous.start, end: current.end))
        #expect(acme.bills.map(\.period) == [previous, current])
        #expect(acme.bills.map(\.isInvoiced) == [true, false])
        let now = try #require(acme.bills.last)
        #expect(now.amount == Money(minorUnits: 1500 + 300 + 350, currency: "EUR"))
        #expect(
            now.taxes == Money(minorUnits: 430, currency: "EUR")
                && now.total == Money(minorUnits: 2580, currency: "EUR"))
        #expect(now.projected == nil, "403 projected_usage_not_enabled hides the projection, silently")
        #expect(server.requests.first { $0.path.hasSuffix("/current_usage") }?.query["apply_taxes"] == "true")
        let calls = server.requests.count
        _ = try await provider.report(customerID: "acme", period: current)
        #expect(
            !server.requests.dropFirst(calls).contains { $0.path.hasSuffix("/projected_usage") }, "asked once per run")
        let yen = try await LagoServer.provider(server).report(customerID: "yen", period: current)
        #expect(yen.bills.first?.projected == Money(minorUnits: 4200, currency: "JPY"))
        #expect(yen.bills.first?.amount.text == "JPY 2,150")
    }

    @Test func oneUsageLoadListsTheSubscriptionsOnceAndTakesItsSeriesFromTheSameAnswers() async throws {
        let server = try LagoServer.start()
        let service = DataService(provider: try LagoServer.provider(server))
        let usage = try await service.customerUsage(customerID: "acme", period: current, bucket: .day)
        #expect(server.requests.filter { $0.path == "/api/v1/subscriptions" }.count == 1)
        #expect(usage.series["api_calls"]?.isPerBillingPeriod == true && usage.series["api_calls"]?.total == 1500)
        #expect(Set(usage.series.keys) == ["api_calls", "seats", "storage_gb"], "a series for every metric with usage")
    }

    @Test func filtersAndGroupedUsageArePartsOfTheirChargeNeverAddedOnTop() throws {
        let text =
            #"{"from_datetime": "2026-11-14T00:00:00Z", "to_datetime": "2026-12-13T23:59:59Z", "currency": "EUR", "charges_usage": [{"units": "1500.0", "events_count": 1500, "amount_cents": 900, "charge": {"code": "by_region"}, "billable_metric": {"code": "api_calls", "name": "API calls", "aggregation_type": "count_agg"}, "filters": [{"units": "1000.0", "events_count": 1000, "amount_cents": 600, "values": {"region": ["eu"]}}, {"units": "500.0", "events_count": 500, "amount_cents": 300, "values": {"region": ["us"]}}], "grouped_usage": [{"units": "1500.0", "events_count": 1500, "amount_cents": 900, "grouped_by": {"agent": "a"}, "filters": []}]}]}"#
        let usage = LagoDecoding.usage(try JSONParser.parse(text))
        let totals = LagoRows.totals([usage], requested: current, metrics: [])
        #expect(totals.map(\.value) == [1500] && totals.map(\.amountCents) == [900])
        let metric = Metric(code: "api_calls", name: "API calls", aggregation: .count)
        let row = try #require(
            LagoRows.summaries(
                customer: Customer(id: "c", name: "c"), usages: [usage], metric: metric,
                requested: current
            ).first)
        #expect(row.total == 1500 && row.amounts == [Money(minorUnits: 900, currency: "EUR")] && row.periods.isEmpty)
    }

    @Test func aBreakdownIsLagosOwnSplitWithItsAmountsAndBillingPeriods() async throws {
        let server = try LagoServer.start()
        let provider = try LagoServer.provider(server)
        let metric = Metric(code: "api_calls", name: "API calls", aggregation: .count)
        #expect(
            try await provider.breakdownKeys(customerID: "acme", metric: metric, period: current) == [
                "region", "agent",
            ])
        let regions = try await provider.breakdown(customerID: "acme", metric: metric, period: current, by: "region")
        #expect(regions.map(\.value) == ["eu", "us"] && regions.map(\.total) == [1000, 500])
        #expect(
            regions.map(\.amount) == [
                Money(minorUnits: 1000, currency: "EUR"), Money(minorUnits: 500, currency: "EUR"),
            ])
        #expect(regions.allSatisfy { $0.periods.isEmpty }, "the current billing period, asked exactly")
        let agents = try await provider.breakdown(customerID: "acme", metric: metric, period: current, by: "agent")
        #expect(
            agents.map(\.value) == ["web", "cli"] && agents.map(\.total) == [1200, 300],
            "the region filters inside each group are not counted again")
        let november = Period.month(containing: LagoServer.date("2026-11-20T00:00:00Z"))
        let both = try await provider.breakdown(customerID: "acme", metric: metric, period: november, by: "region")
        #expect(
            both.first?.total == 1000 && both.first?.periods == [current],
            "of the two periods November overlaps, the one mostly inside it answers it, named")
    }
}
