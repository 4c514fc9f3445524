import ArgumentParser
import Foundation
import UsageCore

/// `usagetop customers`: every customer with one metric's total for a period.
struct CustomersCommand: HeadlessCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers", abstract: "List customers with a metric's total for a period.")

    @Option(help: "The metric totalled (default: the first metric).") var metric: String?
    @OptionGroup var source: SourceOptions
    @OptionGroup var query: QueryOptions

    func output(service: DataService, period: Period) async throws(UsageError) -> String {
        let chosen: Metric
        if let code = metric {
            chosen = try await service.metric(code: code)
        } else {
            guard let first = try await service.metrics().first else { throw UsageError(.notFound, "the store has no metrics") }
            chosen = first
        }
        let rows = try await service.summaries(metric: chosen, period: period, trailingDays: 1, now: period.end)
            .sorted { $0.customer.id < $1.customer.id }
        return render(rows, metric: chosen, period: period, provider: service.providerName)
    }

    private func render(_ rows: [CustomerSummary], metric: Metric, period: Period, provider: String) -> String {
        switch query.format {
        case .json:
            let customers = rows.map { row in
                JSONValue.object([
                    ("id", .string(row.customer.id)), ("name", .string(row.customer.name)),
                    ("currency", JSONOut.string(row.customer.currency)), ("total", JSONOut.number(row.total)),
                    ("last_event_at", JSONOut.string(row.lastEventAt.map(UTCTime.iso))),
                ])
            }
            return JSONWriter.compact(.object([
                ("provider", .string(provider)), ("metric", .string(metric.code)), ("period", JSONOut.period(period)),
                ("customers", .array(customers)),
            ]))
        case .table, .csv:
            let output = TabularOutput(
                headers: ["id", "name", "\(metric.code)", "last_event_at"],
                rows: rows.map {
                    [$0.customer.id, $0.customer.name, DecimalText.format($0.total), $0.lastEventAt.map(UTCTime.iso) ?? ""]
                }, rightAligned: [2])
            return query.format == .csv ? output.csv() : output.table()
        }
    }
}
