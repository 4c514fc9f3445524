import Foundation
import Testing
import UsageCore

/// Plans read in Lago's words: as lago-api's plan and charge serializers write them, and as `config.toml` does.
@Suite("Pricing: plans in Lago's words")
struct PricePlanTests {
    static func plan(_ text: String) throws -> PricePlan {
        try PricePlan(lago: try JSONParser.parse(text), at: "plan")
    }

    static func problem(_ text: String) -> String {
        do {
            _ = try plan(text)
            return "no error"
        } catch {
            return (error as? UsageError)?.message ?? "\(error)"
        }
    }

    /// A plan as `V1::PlanSerializer` and `V1::ChargeSerializer` write it: prices as text, filters with their
    /// values, grouped pricing, a minimum commitment.
    @Test func aLagoPlanWithFiltersGroupsAndAMinimum() throws {
        let plan = try Self.plan(
            #"""
            {"code": "pro", "amount_cents": 4900, "amount_currency": "eur", "charges": [
              {"billable_metric_code": "api_calls", "charge_model": "graduated", "min_amount_cents": 1000,
               "properties": {"graduated_ranges": [
                 {"from_value": 0, "to_value": 1000, "per_unit_amount": "0", "flat_amount": "0"},
                 {"from_value": 1001, "to_value": null, "per_unit_amount": "0.002", "flat_amount": "1"}]},
               "filters": []},
              {"billable_metric_code": "storage_gb", "charge_model": "standard",
               "properties": {"amount": "0.10", "pricing_group_keys": ["bucket"]},
               "filters": [{"values": {"region": ["eu", "uk"]}, "properties": {"amount": "0.12"}}]}
            ]}
            """#)
        #expect(plan.code == "pro" && plan.currency == "EUR" && plan.fee == 4900)
        let calls = try #require(plan.charges(for: "api_calls").first)
        #expect(calls.minimum == 1000)
        #expect(calls.model.amount(for: ChargeUsage(units: 1500)) == 2, "units 1001 to 1500 at 0.002, plus 1")
        let storage = try #require(plan.charges(for: "storage_gb").first)
        #expect(storage.groupKeys == ["bucket"] && storage.model == .standard(perUnit: Decimal(string: "0.10")!))
        #expect(storage.filters == [ChargeFilter(values: ["region": ["eu", "uk"]], model: .standard(perUnit: 0.12))])
        #expect(plan.charges(for: "emails").isEmpty)
    }

    /// Every model's properties, as Lago names them.
    @Test func everyModelReadsItsProperties() throws {
        let plan = try Self.plan(
            #"""
            {"code": "all", "currency": "USD", "charges": [
              {"metric": "a", "charge_model": "package", "properties": {"amount": "5", "package_size": 100, "free_units": 10}},
              {"metric": "b", "charge_model": "percentage", "properties": {"rate": "1.5", "fixed_amount": "0.3",
                "free_units_per_events": 2, "free_units_per_total_aggregation": "100", "per_transaction_min_amount": "0.5",
                "per_transaction_max_amount": "9"}},
              {"metric": "c", "charge_model": "volume", "properties": {"volume_ranges": [
                {"from_value": 0, "to_value": 100, "per_unit_amount": "2", "flat_amount": "10"},
                {"from_value": 101, "to_value": null, "per_unit_amount": "1", "flat_amount": "0"}]}},
              {"metric": "d", "charge_model": "graduated_percentage", "properties": {"graduated_percentage_ranges": [
                {"from_value": 0, "to_value": null, "rate": "2", "flat_amount": "1"}]}},
              {"metric": "e", "charge_model": "dynamic", "properties": {}}
            ]}
            """#)
        #expect(
            plan.charges.map(\.model.name) == ["package", "percentage", "volume", "graduated_percentage", "dynamic"])
        #expect(plan.charges[0].model == .package(amount: 5, size: 100, freeUnits: 10))
        #expect(
            plan.charges[1].model
                == .percentage(
                    PercentageTerms(
                        rate: 1.5, fixedAmount: 0.3, freeEvents: 2, freeUnits: 100, minPerTransaction: 0.5,
                        maxPerTransaction: 9)))
        #expect(plan.charges[2].model.amount(for: ChargeUsage(units: 150)) == 150)
        #expect(!plan.charges[4].model.isReproducible)
    }

    /// A mistake names the key it is in.
    @Test func mistakesNameTheirKey() {
        #expect(Self.problem(#"{"code": "p", "currency": "euro", "charges": []}"#).contains("plan.currency must be"))
        #expect(
            Self.problem(#"{"code": "p", "currency": "EUR", "charges": [{"metric": "a", "charge_model": "flat"}]}"#)
                .hasPrefix("plan.charges[1].charge_model must be one of standard, graduated"))
        #expect(
            Self.problem(
                #"{"code": "p", "currency": "EUR", "charges": [{"metric": "a", "charge_model": "standard", "properties": {"amount": "cheap"}}]}"#
            ) == "plan.charges[1].properties.amount must be a number")
        #expect(
            Self.problem(
                #"{"code": "p", "currency": "EUR", "charges": [{"metric": "a", "charge_model": "graduated", "properties": {"graduated_ranges": [{"from_value": 0, "to_value": null, "per_unit_amount": "1"}, {"from_value": 10, "per_unit_amount": "1"}]}}]}"#
            ) == "plan.charges[1].properties.graduated_ranges may leave to_value out on the last range only")
        #expect(
            Self.problem(
                #"{"code": "p", "currency": "EUR", "charges": [{"metric": "a", "charge_model": "volume", "properties": {"volume_ranges": [{"from_value": 10, "to_value": 5}]}}]}"#
            ) == "plan.charges[1].properties.volume_ranges[1] ends (to_value 5) before it starts (from_value 10)")
        #expect(
            Self.problem(
                #"{"code": "p", "currency": "EUR", "charges": [{"metric": "a", "charge_model": "package", "properties": {"amount": "1", "package_size": 0}}]}"#
            ) == "plan.charges[1].properties.package_size must be more than 0")
        #expect(
            Self.problem(
                #"{"code": "p", "currency": "EUR", "charges": [{"metric": "a", "charge_model": "standard", "properties": {"amount": "1"}, "filters": [{"values": {}}]}]}"#
            ) == "plan.charges[1].filters[1].values must name at least one property and its values")
    }
}
