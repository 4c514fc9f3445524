import ArgumentParser
import Foundation
import UsageCore
import UsageViewModel

/// `usagetop timeseries --metric CODE [--customer ID] --bucket day`.
struct TimeseriesCommand: HeadlessCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeseries", abstract: "Print a metric's values per bucket, for one customer or all.")

    @Option(help: "The metric code.", completion: NameCompletion.metrics) var metric: String
    @Option(help: "Count only events matching one of the metric's filters (Hyperline's aggregator filter id).")
    var filter: String?
    @Option(help: "The customer: its id or a name (default: all customers).", completion: NameCompletion.customers)
    var customer: String?
    @Option(help: "Bucket size: hour, day or month.") var bucket: Bucket = .day
    @OptionGroup var source: SourceOptions
    @OptionGroup var query: QueryOptions

    func output(service: DataService, period: Period) async throws(UsageError) -> String {
        let metric = try await service.metric(code: self.metric).filtered(by: filter)
        var customerID: String?
        if let customer { customerID = try await service.findCustomer(customer).id }
        let series = try await service.timeseries(
            metric: metric, customerID: customerID, period: period, bucket: bucket)
        if series.isPerBillingPeriod {
            StandardError.line(
                "usagetop: note: \(service.providerName) answers \(metric.code) by its own periods (a point each, as it bills them), not per \(bucket.rawValue)"
            )
        }
        return render(series, customerID: customerID, filter: metric.filter)
    }

    private func render(_ series: TimeSeries, customerID: String?, filter: MetricFilter?) -> String {
        switch query.format {
        case .json:
            let priced = series.points.contains { $0.amount != nil }
            let points = series.points.map {
                var fields: [(String, JSONValue)] = [("start", .string(UTCTime.iso($0.start)))]
                if let end = $0.end { fields.append(("end", .string(UTCTime.iso(end)))) }
                return JSONValue.object(
                    fields + [("value", JSONOut.number($0.value))] + (priced ? JSONOut.money($0.amount) : []))
            }
            return JSONWriter.compact(
                .object([
                    ("metric", .string(series.metricCode)), ("filter", JSONOut.string(filter?.id)),
                    ("bucket", .string(series.isPerBillingPeriod ? "billing_period" : series.bucket.rawValue)),
                    ("points", .array(points)), ("total", JSONOut.number(series.total)),
                ]))
        case .csv: return ExportTable.series(series, customerID: customerID).csv()
        case .table:
            return TabularOutput(ExportTable.series(series, customerID: customerID)).table()
                + "\ntotal  \(DecimalText.format(series.total))"
        }
    }
}

extension Bucket: ExpressibleByArgument {}
