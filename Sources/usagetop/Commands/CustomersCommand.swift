import ArgumentParser
import Foundation
import UsageCore
import UsageViewModel

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
            guard let first = try await service.metrics().first else {
                throw UsageError(.notFound, "the store has no metrics")
            }
            chosen = first
        }
        let rows = try await service.summaries(metric: chosen, period: period, trailingDays: 1, now: period.end)
            .sorted { ($0.customer.id, $0.subscription ?? "") < ($1.customer.id, $1.subscription ?? "") }
        return render(rows, metric: chosen, period: period, provider: service.providerName)
    }

    /// JSON: `period` is the period of the numbers (null when rows answer different ones, each then carrying its
    /// `periods`), `requested_period` the one asked; amounts per currency where the provider prices usage.
    private func render(_ rows: [CustomerSummary], metric: Metric, period: Period, provider: String) -> String {
        switch query.format {
        case .json:
            let customers = rows.map { row in
                JSONValue.object([
                    ("id", .string(row.customer.id)), ("name", .string(row.customer.name)),
                    ("subscription", JSONOut.string(row.subscription)),
                    ("currency", JSONOut.string(row.customer.currency)), ("total", JSONOut.number(row.total)),
                    ("amounts", .array(row.amounts.map { .object(JSONOut.money($0)) })),
                    ("periods", .array((row.periods.isEmpty ? [period] : row.periods).map(JSONOut.period))),
                    ("last_event_at", JSONOut.string(row.lastEventAt.map(UTCTime.iso))),
                ])
            }
            let answered: [Period?] = rows.flatMap { $0.periods.isEmpty ? [nil] : $0.periods.map { Optional($0) } }
            return JSONWriter.compact(
                .object([
                    ("provider", .string(provider)), ("metric", .string(metric.code)),
                    ("period", JSONOut.answeredPeriod(answered, requested: period)),
                    ("requested_period", JSONOut.period(period)),
                    ("customers", .array(customers)),
                ]))
        case .csv: return ExportTable.customers(rows, metric: metric, requested: period).csv()
        case .table: return TabularOutput(ExportTable.customers(rows, metric: metric, requested: period)).table()
        }
    }
}
