import AppConfig
import Foundation
import Testing
import UsageCore

/// `[[plans]]` in `config.toml`: Lago's words for sources without prices, checked when the file is read.
@Suite("Config: price plans")
struct PlanConfigTests {
    static let file = #"""
        [[plans]]
        code = "starter"
        currency = "EUR"
        amount_cents = 4900

        [[plans.charges]]
        metric = "api_calls"
        charge_model = "graduated"
        min_amount_cents = 500
        properties = { graduated_ranges = [
          { from_value = 0, to_value = 1000, per_unit_amount = "0", flat_amount = "0" },
          { from_value = 1001, per_unit_amount = "0.002", flat_amount = "0" },
        ] }

        [[plans.charges]]
        metric = "storage_gb"
        charge_model = "standard"
        properties = { amount = "0.10" }
        filters = [ { values = { region = ["eu"] }, properties = { amount = "0.12" } } ]

        [[plans]]
        code = "enterprise"
        currency = "USD"
        customers = ["cus_00019"]
        [[plans.charges]]
        metric = "api_calls"
        charge_model = "package"
        properties = { amount = "5", package_size = 1000 }

        [profiles.eu]
        provider = "local"
        [[profiles.eu.plans]]
        code = "eu"
        currency = "EUR"
        """#

    static func problem(_ text: String) -> String {
        var warnings: [String] = []
        do {
            _ = try ConfigFile.parse(text, path: "c.toml", warnings: &warnings)
            return "no error"
        } catch {
            return error.message
        }
    }

    @Test func plansAreReadForEveryoneForListedCustomersAndPerProfile() throws {
        var warnings: [String] = []
        let config = try ConfigFile.parse(Self.file, path: "c.toml", warnings: &warnings)
        #expect(warnings.isEmpty, "\(warnings)")
        let plans = config.plans(profile: nil)
        #expect(plans.plan(for: "cus_00001")?.code == "starter" && plans.plan(for: "cus_00019")?.code == "enterprise")
        let starter = try #require(plans.standard)
        #expect(starter.fee == 4900 && starter.currency == "EUR")
        let calls = try #require(starter.charges(for: "api_calls").first)
        #expect(calls.minimum == 500 && calls.model.amount(for: ChargeUsage(units: 2000)) == 2)
        let storage = try #require(starter.charges(for: "storage_gb").first)
        #expect(storage.filters == [ChargeFilter(values: ["region": ["eu"]], model: .standard(perUnit: 0.12))])
        #expect(config.plans(profile: try config.profile("eu")).standard?.code == "eu", "a profile's plans replace")
    }

    @Test func aMistakeNamesItsKey() {
        let base = "[[plans]]\ncode = \"p\"\ncurrency = \"EUR\"\n[[plans.charges]]\nmetric = \"a\"\n"
        #expect(
            Self.problem(base + "charge_model = \"tiered\"\n").hasPrefix(
                "c.toml: plans[1].charges[1].charge_model must be one of standard"))
        #expect(
            Self.problem(base + "charge_model = \"standard\"\nproperties = { amount = \"cheap\" }\n")
                == "c.toml: plans[1].charges[1].properties.amount must be a number")
        #expect(
            Self.problem(base + "charge_model = \"standard\"\nproperties = { amount = 1 }\nmin_amount_cents = -1\n")
                .hasPrefix("c.toml: plans[1].charges[1].min_amount_cents must be from 0"))
        #expect(
            Self.problem("[[plans]]\ncode = \"p\"\ncurrency = \"EUR\"\ncustomers = \"cus_1\"\n")
                == "c.toml: plans[1].customers must be a list of texts in quotes, not text")
        #expect(
            Self.problem("[[plans]]\ncode = \"a\"\ncurrency = \"EUR\"\n[[plans]]\ncode = \"b\"\ncurrency = \"EUR\"\n")
                == "c.toml: plans[2]: plans a and b both list no customers; one may")
        #expect(
            Self.problem(
                "[[plans]]\ncode = \"a\"\ncurrency = \"EUR\"\ncustomers = [\"c1\"]\n"
                    + "[[plans]]\ncode = \"b\"\ncurrency = \"EUR\"\ncustomers = [\"c1\"]\n")
                == "c.toml: plans[2]: customer c1 is in plans a and b")
    }
}
