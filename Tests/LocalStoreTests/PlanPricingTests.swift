import Foundation
import PostgresTestSupport
import Testing
import UsageCore

/// A store's usage priced with a plan from `config.toml`, through the data service, on both stores: a billing
/// month costs what its plan bills, and any period's cost is the charge to date at its end less at its start, so the
/// days of a month add up to the month exactly.
@Suite("Pricing a store's usage with a plan")
struct PlanPricingTests {
    /// 0.10 a call for the first 100 with a flat 1.00, then 0.05: November's 465 calls cost 29.25.
    static let plan = PricePlan(
        code: "starter", currency: "EUR",
        charges: [
            Charge(
                metricCode: "calls",
                model: .graduated([
                    PriceRange(from: 0, to: 100, perUnit: Decimal(string: "0.10")!, flat: 1),
                    PriceRange(from: 101, to: nil, perUnit: Decimal(string: "0.05")!),
                ]))
        ])

    /// Day d of November has d calls (465 in all); December 1 to 5 have 10 calls each.
    static func filled(_ kind: StoreKind) async throws -> StoreUnderTest {
        let t = try await StoreUnderTest.make(kind)
        var lines: [String] = []
        for day in 1...30 {
            for n in 0..<day {
                lines.append(
                    TestStore.event("n\(day)-\(n)", "calls", String(format: "2026-11-%02dT10:%02d:00Z", day, n)))
            }
        }
        for day in 1...5 {
            for n in 0..<10 {
                lines.append(
                    TestStore.event("d\(day)-\(n)", "calls", String(format: "2026-12-%02dT08:%02d:00Z", day, n)))
            }
        }
        try await t.ingest(lines)
        return t
    }

    static func cost(_ service: DataService, _ period: Period) async throws -> Int? {
        let totals = try await service.totals(customerID: "c1", period: period)
        return totals.first { $0.metric.code == "calls" }?.amount.map(\.minorUnits)
    }

    @Test(arguments: StoreKind.available)
    func aMonthCostsItsBillAndItsDaysAddUpToIt(kind: StoreKind) async throws {
        let t = try await Self.filled(kind)
        let service = DataService(provider: t.provider, plans: PlanBook(standard: Self.plan))
        let november = TestStore.period("2026-11-01", "2026-12-01")
        #expect(try await Self.cost(service, november) == 2925, "1 + 100 × 0.10 + 365 × 0.05")
        var days = 0
        for day in 0..<30 {
            let start = november.start.addingTimeInterval(Double(day) * 86_400)
            days +=
                try await Self.cost(service, Period(start: start, end: start.addingTimeInterval(86_400))) ?? -1_000_000
        }
        #expect(days == 2925, "the days of the month add up to the month")
        // November 20 (20 calls): 190 calls before it, 210 after it, both past the first tier.
        #expect(try await Self.cost(service, TestStore.period("2026-11-20", "2026-11-21")) == 100)
        // Across two billing months: the second half of November and December's first five days (50 calls).
        let across = try await Self.cost(service, TestStore.period("2026-11-16", "2026-12-06"))
        let secondHalf = 2925 - (try await Self.cost(service, TestStore.period("2026-11-01", "2026-11-16")) ?? 0)
        #expect(across == secondHalf + 600, "December: 1 + 50 × 0.10")
        let totals = try await service.totals(customerID: "c1", period: november)
        let peak = try #require(totals.first { $0.metric.code == "peak" })
        #expect(peak.amount == nil && peak.unpriced == "no price", "a metric the plan does not charge says so")
    }

    /// A plan's fixed fee (49.00) and a charge's minimum commitment (50.00) settle on a whole billing month's bill:
    /// November's calls cost 29.25, so the true-up is 20.75 and the bill 99.00; a day has no bill of its own.
    @Test(arguments: StoreKind.available)
    func aWholeMonthsBillCarriesTheFeeAndTheMinimumsTrueUp(kind: StoreKind) async throws {
        let t = try await Self.filled(kind)
        var plan = Self.plan
        plan.fee = 4_900
        plan.charges[0].minimum = 5_000
        let service = DataService(provider: t.provider, plans: PlanBook(standard: plan))
        let report = try await service.report(customerID: "c1", period: TestStore.period("2026-11-01", "2026-12-01"))
        let bill = try #require(report.bills.first)
        #expect(report.bills.count == 1 && bill.plan == "starter")
        #expect(bill.fee?.minorUnits == 4_900 && bill.minimum?.minorUnits == 2_075 && bill.amount.minorUnits == 9_900)
        #expect(
            bill.line(period: "Nov") == "plan starter 2026-11 · amount EUR 99.00 (fee EUR 49.00, minimum EUR 20.75)",
            "\(bill.line(period: "Nov"))")
        let day = try await service.report(customerID: "c1", period: TestStore.period("2026-11-20", "2026-11-21"))
        #expect(day.bills.isEmpty, "a fee and a minimum settle per billing period, never per day")
    }

    @Test(arguments: StoreKind.available)
    func theCustomersTableCarriesEachCustomersCost(kind: StoreKind) async throws {
        let t = try await Self.filled(kind)
        let service = DataService(provider: t.provider, plans: PlanBook(byCustomer: ["c1": Self.plan]))
        let rows = try await service.summaries(
            metric: TestStore.metric("calls"), period: TestStore.period("2026-11-20", "2026-11-21"), trailingDays: 0,
            now: TestStore.date("2026-12-06T00:00:00Z"))
        #expect(rows.first { $0.customer.id == "c1" }?.amounts == [Money(minorUnits: 100, currency: "EUR")])
        let unplanned = DataService(provider: t.provider, plans: PlanBook(byCustomer: ["c2": Self.plan]))
        let plain = try await unplanned.summaries(
            metric: TestStore.metric("calls"), period: TestStore.period("2026-11-20", "2026-11-21"), trailingDays: 0,
            now: TestStore.date("2026-12-06T00:00:00Z"))
        #expect(plain.first { $0.customer.id == "c1" }?.amounts == [], "a customer without a plan shows units only")
    }

    @Test(arguments: StoreKind.available)
    func aChartsBucketsCostWhatTheMonthsBillGrewByAndAddUpToIt(kind: StoreKind) async throws {
        let t = try await Self.filled(kind)
        let service = DataService(provider: t.provider, plans: PlanBook(standard: Self.plan))
        let calls = TestStore.metric("calls")
        let month = try await service.timeseries(
            metric: calls, customerID: "c1", period: TestStore.period("2026-11-01", "2026-12-01"), bucket: .day)
        #expect(month.points.compactMap(\.amount).map(\.minorUnits).reduce(0, +) == 2925)
        #expect(month.points[19].amount == Money(minorUnits: 100, currency: "EUR"), "November 20, as its total says")
        // A chart that starts mid-month counts the month's earlier calls into its first bucket's charge to date.
        let late = try await service.timeseries(
            metric: calls, customerID: "c1", period: TestStore.period("2026-11-20", "2026-11-22"), bucket: .day)
        #expect(late.points.map { $0.amount?.minorUnits } == [100, 105], "190 calls before: 20 then 21 at 0.05")
        let all = try await service.timeseries(
            metric: calls, customerID: nil, period: TestStore.period("2026-11-01", "2026-12-01"), bucket: .day)
        #expect(all.points.allSatisfy { $0.amount == nil }, "a chart of all customers is not priced")
    }

    /// A peak metric (max) at 0.10 a unit: each day costs what it raised the month's peak by, so the spike day carries
    /// the cost and the days add up to the month's bill (the peak, 90 units: 9.00).
    @Test(arguments: StoreKind.available)
    func aPeaksCostFallsOnTheDayThatRaisedItAndTheDaysAddUp(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        let readings = [(3, "20"), (7, "35"), (9, "30"), (15, "90"), (20, "40")]
        try await t.ingest(
            readings.map { day, v in
                TestStore.event("p\(day)", "peak", String(format: "2026-11-%02dT10:00:00Z", day), #"{"v": \#(v)}"#)
            })
        let plan = PricePlan(
            code: "peak", currency: "EUR",
            charges: [Charge(metricCode: "peak", model: .standard(perUnit: Decimal(string: "0.10")!))])
        let service = DataService(provider: t.provider, plans: PlanBook(standard: plan))
        let november = TestStore.period("2026-11-01", "2026-12-01")
        let series = try await service.timeseries(
            metric: TestStore.metric("peak"), customerID: "c1", period: november, bucket: .day)
        let costs = series.points.map { $0.amount?.minorUnits ?? -1 }
        #expect(costs.reduce(0, +) == 900, "the days add up to the month's peak, priced")
        #expect(costs[2] == 200 && costs[6] == 150 && costs[8] == 0 && costs[14] == 550 && costs[19] == 0, "\(costs)")
        func cost(_ period: Period) async throws -> Int? {
            try await service.totals(customerID: "c1", period: period).first { $0.metric.code == "peak" }?.amount?
                .minorUnits
        }
        #expect(try await cost(november) == 900)
        #expect(try await cost(TestStore.period("2026-11-15", "2026-11-16")) == 550, "the spike day, as its total says")
    }

    /// Charges that need each event priced on its own, priced from the events on both stores: a filter on two
    /// properties (the most specific filter wins), groups (each a fee rounded on its own) and a percentage with a
    /// per-transaction minimum; the days of the month add up to the month.
    @Test(arguments: StoreKind.available)
    func chargesPricedEventByEventAddUpOverTheDays(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        try await t.ingest([
            TestStore.event("a", "gb", "2026-11-03T10:00:00Z", #"{"gb": "2", "region": "eu", "tier": "gold"}"#),
            TestStore.event("b", "gb", "2026-11-03T11:00:00Z", #"{"gb": "3", "region": "eu", "tier": "free"}"#),
            TestStore.event("c", "gb", "2026-11-09T10:00:00Z", #"{"gb": "1.5", "region": "us"}"#),
            TestStore.event("d", "gb", "2026-11-20T10:00:00Z", #"{"gb": "1000", "region": "us"}"#),
        ])
        let november = TestStore.period("2026-11-01", "2026-12-01")
        func cost(_ charge: Charge, _ period: Period) async throws -> Int? {
            let plan = PricePlan(code: "p", currency: "EUR", charges: [charge])
            let service = DataService(provider: t.provider, plans: PlanBook(standard: plan))
            return try await service.totals(customerID: "c1", period: period).first { $0.metric.code == "gb" }?
                .amount?.minorUnits
        }
        let charges = [
            // eu+gold 2 GB at 2.00, eu 3 GB at 1.50, the rest 1,001.5 GB at 1.00: 4 + 4.50 + 1,001.50.
            Charge(
                metricCode: "gb", model: .standard(perUnit: 1),
                filters: [
                    ChargeFilter(values: ["region": ["eu"]], model: .standard(perUnit: Decimal(string: "1.5")!)),
                    ChargeFilter(values: ["region": ["eu"], "tier": ["gold"]], model: .standard(perUnit: 2)),
                ]),
            // 0.333 a GB per region: eu 5 GB is 1.665 → 1.67, us 1,001.5 GB is 333.4995 → 333.50.
            Charge(metricCode: "gb", model: .standard(perUnit: Decimal(string: "0.333")!), groupKeys: ["region"]),
            // 1 % of each transaction, at least 0.50: 0.50 × 3 + 10.00.
            Charge(
                metricCode: "gb",
                model: .percentage(PercentageTerms(rate: 1, minPerTransaction: Decimal(string: "0.5")!))),
        ]
        for (charge, month) in zip(charges, [101_000, 33_517, 1_150]) {
            #expect(try await cost(charge, november) == month, "\(charge.model.name) \(charge.filters.count)")
            var days = 0
            for day in 0..<30 {
                let start = november.start.addingTimeInterval(Double(day) * 86_400)
                days +=
                    try await cost(charge, Period(start: start, end: start.addingTimeInterval(86_400))) ?? -1_000_000
            }
            #expect(days == month, "the days add up to the month")
            // The customers table and the chart price the same charge the same way, from the events.
            let service = DataService(
                provider: t.provider,
                plans: PlanBook(standard: PricePlan(code: "p", currency: "EUR", charges: [charge])))
            let rows = try await service.summaries(
                metric: TestStore.metric("gb"), period: november, trailingDays: 0,
                now: TestStore.date("2026-12-06T00:00:00Z"))
            #expect(rows.first { $0.customer.id == "c1" }?.amounts.map(\.minorUnits) == [month], "the table's amount")
            let chart = try await service.timeseries(
                metric: TestStore.metric("gb"), customerID: "c1", period: november, bucket: .day)
            let amounts = chart.points.map { $0.amount?.minorUnits }
            #expect(amounts.allSatisfy { $0 != nil } && amounts.compactMap { $0 }.reduce(0, +) == month)
            let late = try await service.timeseries(
                metric: TestStore.metric("gb"), customerID: "c1", period: TestStore.period("2026-11-09", "2026-11-21"),
                bucket: .day)
            #expect(
                late.points.compactMap { $0.amount?.minorUnits }.reduce(0, +)
                    == (try await cost(charge, TestStore.period("2026-11-09", "2026-11-21"))),
                "a chart starting mid-month counts the month's earlier events into its charge to date")
        }
    }

    @Test(arguments: StoreKind.available)
    func aBreakdownSharesTheCostByUnitsAndItsPartsAddUp(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        var lines: [String] = []
        for n in 0..<205 {
            let region = n < 120 ? #"{"region": "eu"}"# : n < 200 ? #"{"region": "us"}"# : "{}"
            let time = String(format: "2026-11-%02dT12:%02d:00Z", n % 28 + 1, n % 60)
            lines.append(TestStore.event("e\(n)", "calls", time, region))
        }
        try await t.ingest(lines)
        let service = DataService(provider: t.provider, plans: PlanBook(standard: Self.plan))
        let rows = try await service.breakdown(
            customerID: "c1", metric: TestStore.metric("calls"), period: TestStore.period("2026-11-01", "2026-12-01"),
            by: "region")
        let parts = Dictionary(rows.map { ($0.value ?? "-", $0.amount?.minorUnits ?? -1) }, uniquingKeysWith: +)
        #expect(parts == ["eu": 951, "us": 634, "-": 40], "1,625 cents (205 calls) shared 120 : 80 : 5")
        #expect(parts.values.reduce(0, +) == 1625)
    }

    /// Storage at 1.00 a GB, 2.00 in the EU: the EU's 3.5 GB and the rest's 1.25 GB cost 8.25, and the days of the
    /// month add up to it.
    @Test(arguments: StoreKind.available)
    func aChargeFilteredOnOnePropertyPricesEachValueAtItsOwnPrice(kind: StoreKind) async throws {
        let t = try await StoreUnderTest.make(kind)
        try await t.ingest([
            TestStore.event("a", "gb", "2026-11-03T10:00:00Z", #"{"gb": "2", "region": "eu"}"#),
            TestStore.event("b", "gb", "2026-11-10T10:00:00Z", #"{"gb": "1.5", "region": "eu"}"#),
            TestStore.event("c", "gb", "2026-11-10T11:00:00Z", #"{"gb": "1", "region": "us"}"#),
            TestStore.event("d", "gb", "2026-11-20T11:00:00Z", #"{"gb": "0.25"}"#),
        ])
        let plan = PricePlan(
            code: "storage", currency: "EUR",
            charges: [
                Charge(
                    metricCode: "gb", model: .standard(perUnit: 1),
                    filters: [ChargeFilter(values: ["region": ["eu"]], model: .standard(perUnit: 2))])
            ])
        let service = DataService(provider: t.provider, plans: PlanBook(standard: plan))
        func cost(_ start: String, _ end: String) async throws -> Int? {
            try await service.totals(customerID: "c1", period: TestStore.period(start, end))
                .first { $0.metric.code == "gb" }?.amount?.minorUnits
        }
        #expect(try await cost("2026-11-01", "2026-12-01") == 825)
        #expect(try await cost("2026-11-10", "2026-11-11") == 400, "1.5 GB in the EU at 2.00 and 1 GB at 1.00")
        var days = 0
        for day in 1...30 {
            let start = String(format: "2026-11-%02d", day)
            let end = day == 30 ? "2026-12-01" : String(format: "2026-11-%02d", day + 1)
            days += try await cost(start, end) ?? -100_000
        }
        #expect(days == 825)
        let rows = try await service.summaries(
            metric: TestStore.metric("gb"), period: TestStore.period("2026-11-10", "2026-11-11"), trailingDays: 0,
            now: TestStore.date("2026-12-06T00:00:00Z"))
        #expect(rows.first { $0.customer.id == "c1" }?.amounts.map(\.minorUnits) == [400], "the table prices per value")
        let chart = try await service.timeseries(
            metric: TestStore.metric("gb"), customerID: "c1", period: TestStore.period("2026-11-01", "2026-12-01"),
            bucket: .day)
        #expect(chart.points[9].amount?.minorUnits == 400, "the chart's November 10")
        #expect(chart.points.compactMap { $0.amount?.minorUnits }.reduce(0, +) == 825, "the buckets add up")
        // A breakdown by region: each value at its own filter's price; by tier (a key no filter names): each fee's
        // cost shared among the values of its events; either way the parts add up to the cost.
        func shares(_ key: String) async throws -> [String: Int] {
            let rows = try await service.breakdown(
                customerID: "c1", metric: TestStore.metric("gb"), period: TestStore.period("2026-11-01", "2026-12-01"),
                by: key)
            return Dictionary(rows.map { ($0.value ?? "-", $0.amount?.minorUnits ?? -1) }, uniquingKeysWith: +)
        }
        #expect(try await shares("region") == ["eu": 700, "us": 100, "-": 25])
        #expect(try await shares("gb").values.reduce(0, +) == 825, "any key: the parts add up")
    }

    /// A customer billed in dollars is not priced by a plan in euros, in its usage or the customers table.
    @Test(arguments: StoreKind.available)
    func aPlanInAnotherCurrencyDoesNotPriceTheCustomer(kind: StoreKind) async throws {
        let t = try await Self.filled(kind)
        try await t.store.ingest(
            .lines(Array(TestStore.event("x", "calls", "2026-11-02T09:00:00Z").utf8), name: "dollars"),
            metrics: [], customers: [Customer(id: "c1", name: "Acme", currency: "USD")], skipInvalid: false)
        let service = DataService(provider: t.provider, plans: PlanBook(standard: Self.plan))
        let november = TestStore.period("2026-11-01", "2026-12-01")
        let calls = try #require(
            try await service.totals(customerID: "c1", period: november).first {
                $0.metric.code == "calls"
            })
        #expect(calls.amount == nil && calls.unpriced == "plan in EUR")
        let rows = try await service.summaries(
            metric: TestStore.metric("calls"), period: november, trailingDays: 0,
            now: TestStore.date("2026-12-06T00:00:00Z"))
        #expect(rows.first { $0.customer.id == "c1" }?.amounts == [])
    }

    @Test func aPlanChargingAMetricTheSourceLacksIsNamed() async throws {
        let t = try await StoreUnderTest.make(.sqlite)
        try await t.ingest([TestStore.event("a", "calls", "2026-11-03T10:00:00Z")])
        var typo = Self.plan
        typo.charges.append(Charge(metricCode: "cals", model: .standard(perUnit: 1)))
        let service = DataService(provider: t.provider, plans: PlanBook(standard: typo))
        #expect(await service.planProblems() == ["plan starter charges cals, which local has no metric of"])
        #expect(await DataService(provider: t.provider).planProblems().isEmpty)
    }
}
