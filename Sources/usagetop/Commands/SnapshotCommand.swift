import ArgumentParser
import Foundation
import UsageCore

/// `usagetop snapshot --customer ID`: every metric's total for one customer.
struct SnapshotCommand: HeadlessCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot", abstract: "Print one customer's totals per metric for a period.")

    @Option(help: "The customer id.") var customer: String
    @OptionGroup var source: SourceOptions
    @OptionGroup var query: QueryOptions

    func output(service: DataService, period: Period) async throws(UsageError) -> String {
        let found = try await service.customer(id: customer)
        let totals = try await service.totals(customerID: customer, period: period)
        return render(customer: found, totals: totals, period: period, provider: service.providerName)
    }

    private func render(customer: Customer, totals: [UsageTotal], period: Period, provider: String) -> String {
        switch query.format {
        case .json:
            let metrics = totals.map { total in
                JSONValue.object([
                    ("id", .string(total.metric.code)), ("name", .string(total.metric.name)),
                    ("unit", JSONOut.string(total.metric.unit)), ("total", JSONOut.number(total.value)),
                    ("count", JSONOut.int(total.eventCount)), ("amount_cents", JSONOut.int(total.amountCents)),
                    ("currency", JSONOut.string(total.amountCents == nil ? nil : total.currency)),
                ])
            }
            return JSONWriter.compact(.object([
                ("provider", .string(provider)),
                ("customer", .object([("id", .string(customer.id)), ("name", .string(customer.name))])),
                ("period", JSONOut.period(period)), ("metrics", .array(metrics)),
            ]))
        case .table, .csv:
            let output = TabularOutput(
                headers: ["metric", "name", "total", "unit", "events"],
                rows: totals.map {
                    [$0.metric.code, $0.metric.name, DecimalText.format($0.value), $0.metric.unit ?? "",
                     $0.eventCount.map(String.init) ?? ""]
                }, rightAligned: [2, 4])
            if query.format == .csv { return output.csv() }
            return "\(customer.name) (\(customer.id)) · \(UTCTime.iso(period.start)) → \(UTCTime.iso(period.end))\n"
                + output.table()
        }
    }
}
