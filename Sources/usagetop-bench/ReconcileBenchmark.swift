import Foundation
import LocalStore
import StoreCore
import UsageCore

/// `usagetop reconcile --all` on a store shaped as sync leaves it: `customers` customers with one subscription each,
/// last month's bill of one count metric kept as Lago's reading (every tenth customer's bill one unit short), the
/// plan of each subscription kept, and `eventsPerCustomer` events each; the check is timed over every customer, beside
/// the customers table of the same month as a reference.
enum ReconcileBenchmark {
    static func run(folder: URL, customers: Int, eventsPerCustomer: Int) async throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("reconcile-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try UsageStore(path: path)
        let month = Period.month(containing: Period.month(containing: Date()).start.addingTimeInterval(-1))
        let seconds = month.end.timeIntervalSince(month.start)
        var lines: [String] = []
        for customer in 0..<customers {
            for event in 0..<eventsPerCustomer {
                let at = month.start.timeIntervalSince1970 + seconds * Double(event) / Double(eventsPerCustomer)
                lines.append(
                    #"{"transaction_id":"t\#(event)","external_customer_id":"c\#(customer)","external_subscription_id":"s\#(customer)","code":"calls","timestamp":\#(Int(at)),"properties":{"region":"\#(["eu", "us"][event % 2])"}}"#
                )
            }
        }
        let metric = Metric(code: "calls", name: "Calls", aggregation: .count)
        _ = try await store.ingest(
            .lines(Array(lines.joined(separator: "\n").utf8), name: "bench"), metrics: [metric],
            customers: (0..<customers).map { Customer(id: "c\($0)", name: "Customer \($0)") }, skipInvalid: false)
        let taken = UTCTime.milliseconds(month.end) + 3_600_000
        let rows = (0..<customers).map { customer in
            let units = eventsPerCustomer - (customer % 10 == 0 ? 1 : 0)
            return BilledRow(
                customerID: "c\(customer)", metricCode: "calls", charge: "", period: month, value: Decimal(units),
                eventCount: units, amountCents: units, currency: "EUR", takenMs: taken, subscription: "s\(customer)",
                chargeID: "ch_calls")
        }
        try await store.recordBilled(rows, source: "lago bench")
        let plan =
            #"{"code": "p", "amount_currency": "EUR", "charges": [{"lago_id": "ch_calls", "billable_metric_code": "calls", "charge_model": "standard", "properties": {"amount": "0.01"}, "filters": [{"values": {"region": ["eu"]}, "properties": {"amount": "0.01"}}]}]}"#
        try await store.recordPlans(Dictionary(uniqueKeysWithValues: (0..<customers).map { ("s\($0)", plan) }))
        let provider = LocalProvider(store: store)
        for run in 1...3 {
            // The reference, in the same sitting: the customers table of the same month on the same store.
            let clock = ContinuousClock(), start = clock.now
            let rows = try await provider.summaries(metric: metric, period: month, trailingDays: 1, now: month.end)
            let took = clock.now - start
            print(
                String(
                    format: "reference %d: the customers table of %d customers: %.3f s", run, rows.count,
                    Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18))
        }
        for run in 1...3 {
            let clock = ContinuousClock(), start = clock.now
            let report = try await provider.reconcile(customerID: nil, period: month, book: PlanBook())
            let took = clock.now - start
            let elapsed = Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18
            print(
                String(
                    format: "run %d: %d customers, %d events, %d charges checked, %d differ: %.2f s", run, customers,
                    customers * eventsPerCustomer, report.lines.count, report.differences.count, elapsed))
        }
    }
}
