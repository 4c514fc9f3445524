import Foundation
import Testing
import UsageCore

/// Pricing raw events the way lago-api bills a charge: the most specific filter wins (`ChargeFilters::
/// MatchingAndIgnoredService`), every filter and group is a fee rounded on its own (`Fees::ChargeService`), and a
/// percentage charge prices each transaction (`PercentageService#compute_amount_with_transaction_min_max`).
@Suite struct EventPricerTests {
    let calls = Metric(code: "calls", name: "Calls", aggregation: .count)
    let volume = Metric(code: "volume", name: "Volume", aggregation: .sum, field: "amount")

    func event(_ id: Int, _ properties: [(String, JSONValue)]) -> UsageEvent {
        UsageEvent(
            transactionID: "t\(id)", customerID: "acme", metricCode: "calls",
            timestamp: Date(timeIntervalSince1970: Double(1_700_000_000 + id)), properties: .object(properties))
    }

    @Test func anEventFallsInTheMostSpecificFilterItMatchesElseTheChargesOwnPrice() {
        let charge = Charge(
            metricCode: "calls", model: .standard(perUnit: Decimal(string: "0.5")!),
            filters: [
                ChargeFilter(values: ["region": ["us"]], model: .standard(perUnit: 1)),
                ChargeFilter(values: ["region": ["us"], "tier": ["gold"]], model: .standard(perUnit: 2)),
            ])
        let events =
            (0..<2).map { event($0, [("region", .string("us")), ("tier", .string("gold"))]) }
            + (2..<5).map { event($0, [("region", .string("us")), ("tier", .string("free"))]) }
            + [event(5, [("region", .string("eu"))])]
        let priced = EventPricer.price(charge, metric: calls, events: events, currency: "EUR")
        // us: 3 × 1, us+gold: 2 × 2, default: 1 × 0.5.
        #expect(priced.minorUnits == 750 && priced.units == 6 && priced.fees == 3 && priced.unmatched == 1)
    }

    @Test func eachGroupIsAFeeRoundedOnItsOwn() {
        let charge = Charge(
            metricCode: "calls", model: .standard(perUnit: Decimal(string: "0.333")!), groupKeys: ["region"])
        let events = [event(0, [("region", .string("us"))]), event(1, [("region", .string("eu"))])]
        // 0.333 rounds to 0.33 twice; one fee of 0.666 would have been 0.67.
        #expect(EventPricer.price(charge, metric: calls, events: events, currency: "EUR").minorUnits == 66)
    }

    @Test func aPercentageChargeBoundsEachTransactionInTimeOrder() {
        let terms = PercentageTerms(rate: 1, minPerTransaction: Decimal(string: "0.5")!)
        let charge = Charge(metricCode: "volume", model: .percentage(terms))
        let events = [event(1, [("amount", .number("1000"))]), event(0, [("amount", .number("10"))])]
        // 1 % of 10 is 0.10, held at the minimum 0.50; 1 % of 1000 is 10.
        #expect(EventPricer.price(charge, metric: volume, events: events, currency: "EUR").minorUnits == 1050)
    }

    @Test func aggregationsTheStoreDoesNotReproduceAreNotPriced() {
        let seats = Metric(code: "seats", name: "Seats", aggregation: .weightedSum, field: "seats")
        let charge = Charge(metricCode: "seats", model: .standard(perUnit: 1))
        let priced = EventPricer.price(
            charge, metric: seats, events: [event(0, [("seats", .number("3"))])], currency: "EUR")
        #expect(priced.minorUnits == nil)
    }

    /// lago-api `spec/services/charge_filters/matching_and_ignored_service_spec.rb`: f1 (steps 25, size 512, model
    /// llama-2), f2 (steps 25, size 512), f3 (any steps, any size), f4 (any size), f5 (size 512); each filter ignores
    /// the more specific ones, so every event counts in exactly one: the most specific it matches.
    @Test func eachEventCountsInTheMostSpecificFilterAsLagoApisMatchingSpecSays() {
        let any = EventPricer.anyValue
        let filters = [
            ["steps": ["25"], "size": ["512"], "model": ["llama-2"]], ["steps": ["25"], "size": ["512"]],
            ["steps": [any], "size": [any]], ["size": [any]], ["size": ["512"]],
        ].enumerated().map { index, values in
            ChargeFilter(values: values, model: .standard(perUnit: Decimal(index + 1)))
        }
        let charge = Charge(metricCode: "calls", model: .standard(perUnit: 100), filters: filters)
        let cases: [([(String, JSONValue)], Int)] = [
            ([("steps", .string("25")), ("size", .string("512")), ("model", .string("llama-2"))], 1),  // f1
            ([("steps", .string("25")), ("size", .string("512")), ("model", .string("llama-1"))], 2),  // f2
            ([("steps", .string("50")), ("size", .string("1024"))], 3),  // f3
            ([("steps", .string("75")), ("size", .string("512"))], 3),  // f3, not f5: it ignores f3
            ([("size", .string("1024"))], 4),  // f4
            ([("size", .string("512"))], 5),  // f5, not f4: f4 ignores f5
            ([("steps", .string("25"))], 100),  // no filter: the charge's own price
        ]
        for (properties, price) in cases {
            let priced = EventPricer.price(charge, metric: calls, events: [event(0, properties)], currency: "EUR")
            #expect(priced.minorUnits == price * 100, "\(properties)")
        }
    }

    /// lago-api `spec/services/charge_models/grouped_service_spec.rb` ("with standard charge model"): aws 10 units
    /// in 2 events and gcp 20 in 7 at 5.12345 each are two fees, 51.2345 and 102.469, each rounded on its own.
    @Test func groupedStandardPricingAsLagoApisGroupedServiceSpecSays() {
        let charge = Charge(
            metricCode: "volume", model: .standard(perUnit: Decimal(string: "5.12345")!), groupKeys: ["cloud"])
        let aws = (0..<2).map { event($0, [("cloud", .string("aws")), ("amount", .number("5"))]) }
        let gcp = (2..<9).map {
            event($0, [("cloud", .string("gcp")), ("amount", .number($0 == 2 ? "2" : "3"))])
        }
        let fees = EventPricer.fees(charge, metric: volume, events: aws + gcp, currency: "EUR")
        #expect(fees.map(\.id) == [["0", "aws"], ["0", "gcp"]] && fees.map(\.events.count) == [2, 7])
        #expect(fees.map(\.minorUnits) == [5_123, 10_247], "51.2345 and 102.469, rounded per fee")
        #expect(EventPricer.price(charge, metric: volume, events: aws + gcp, currency: "EUR").minorUnits == 15_370)
    }
}
