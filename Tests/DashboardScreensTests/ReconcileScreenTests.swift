import DashboardScreens
import Foundation
import KeyInput
import LocalStore
import StoreCore
import Testing
import UsageCore
import UsageViewModel

/// The reconcile view over the demo store with the provider's bills kept for three customers (one billed three calls
/// more than its events hold): the line that differs first, its money difference whole at a small and a large size,
/// its cause in the footer.
@Suite("Golden screens: bills against events")
struct ReconcileScreenTests {
    static let plan = PricePlan(
        code: "calls", currency: "EUR", charges: [Charge(metricCode: "api_calls", model: .standard(perUnit: 0.01))])
    static let month = Period.month(containing: ScreenHarness.now)

    /// The demo store, and the bills of this month so far of its first three customers as sync keeps them.
    static func billed(_ store: UsageStore) async throws {
        try ScreenHarness.demo(store)
        let provider = LocalProvider(store: store)
        var rows: [BilledRow] = []
        for (index, id) in ["cus_00001", "cus_00002", "cus_00003"].enumerated() {
            let calls = try await provider.totals(customerID: id, period: month).first { $0.metric.code == "api_calls" }
            let units = (calls?.value ?? 0) + (index == 1 ? 3 : 0)
            rows.append(
                BilledRow(
                    customerID: id, metricCode: "api_calls", charge: "", period: month, value: units,
                    eventCount: nil, amountCents: NSDecimalNumber(decimal: units).intValue, currency: "EUR",
                    takenMs: UTCTime.milliseconds(ScreenHarness.now)))
        }
        try await store.recordBilled(rows, source: "lago https://api.getlago.com/api/v1")
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func everyCustomersBillsTheOneThatDiffersFirst(width: Int, height: Int) async throws {
        var h = try await ScreenHarness(
            width: width, height: height, plans: PlanBook(standard: Self.plan), build: Self.billed)
        await h.press(.character(":"))
        await h.type("reconcile all")
        await h.press(.enter)
        let frame = h.frame()
        let lines = frame.text.split(separator: "\n").map(String.init)
        let first = try #require(lines.firstIndex { $0.contains("Charge") }).advanced(by: 1)
        #expect(lines[first].contains("-3") && lines[first].contains("-EUR 0.03"), "\(lines[first])")
        #expect(frame.text.contains("the bill counts 3 units its events do not hold"), "the cause, in the footer")
        #expect(h.state.message?.text == "1 of 3 charges differ")
        Snapshot.assert(frame, named: "reconcile-\(width)x\(height)")
        await h.press(.enter)
        let events = h.frame().text
        #expect(
            events.contains("Reconcile › API calls events")
                && events.range(of: #"· [0-9,]+ events ·"#, options: .regularExpression) != nil, "\(events)")
    }
}
