import DashboardScreens
import Foundation
import KeyInput
import Testing
import UsageCore
import UsageViewModel

/// The demo store priced by a `config.toml` plan: amounts in the customers table, a customer's usage (the plan named
/// in the title) and the chart readout, at a small and a large size, never cut.
@Suite("Golden screens: usage priced by a plan")
struct PricedScreenTests {
    static let plan = PricePlan(
        code: "starter", currency: "EUR",
        charges: [
            Charge(
                metricCode: "api_calls",
                model: .graduated([
                    PriceRange(from: 0, to: 20, perUnit: 0), PriceRange(from: 21, to: nil, perUnit: 0.25),
                ])),
            Charge(metricCode: "data_transfer_gb", model: .standard(perUnit: 0.09)),
        ])

    @Test(arguments: [(80, 24), (200, 60)])
    func customersUsageAndChart(width: Int, height: Int) async throws {
        var h = try await ScreenHarness(
            width: width, height: height, plans: PlanBook(standard: Self.plan), build: ScreenHarness.demo)
        let table = h.frame()
        #expect(table.text.contains("Amount") && table.text.contains("EUR "), "the table shows its money")
        Snapshot.assert(table, named: "priced-customers-\(width)x\(height)")
        await h.press(.enter)
        let usage = h.frame()
        #expect(usage.text.contains("plan starter EUR") && usage.text.contains("no price"))
        Snapshot.assert(usage, named: "priced-usage-\(width)x\(height)")
        await h.press(.enter)
        for _ in 0..<9 { await h.press(.left) }  // from the month's last day back to today, November 22
        let readout = h.frame().text.split(separator: "\n").first { $0.contains("▸ 2026-11-22") } ?? ""
        #expect(readout.contains("EUR "), "the readout prices its bucket, got \(readout)")
    }
}
