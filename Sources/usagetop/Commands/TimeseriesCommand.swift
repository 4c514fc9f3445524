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
    @Option(
        help: ArgumentHelp(
            "Add each bucket's value in the bucket as far into another period and the change: previous, "
                + "last-month or last-year (as for customers).", valueName: "previous|last-month|last-year"))
    var compare: Comparison?
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
        var compared: TimeSeries?
        if let compare {
            let other = compare.period(of: query.choice(for: period), now: Date())
            compared = try await service.timeseries(
                metric: metric, customerID: customerID, period: other, bucket: bucket)
        }
        return render(series, compared: compared, customerID: customerID, filter: metric.filter)
    }

    private func render(_ series: TimeSeries, compared: TimeSeries?, customerID: String?, filter: MetricFilter?)
        -> String
    {
        let table = ExportTable.series(series, customerID: customerID, previous: compared)
        switch query.format {
        case .json:
            let priced = series.points.contains { $0.amount != nil }
            let points = series.points.enumerated().map { index, point in
                var fields: [(String, JSONValue)] = [("start", .string(UTCTime.iso(point.start)))]
                if let end = point.end { fields.append(("end", .string(UTCTime.iso(end)))) }
                fields += [("value", JSONOut.number(point.value))] + (priced ? JSONOut.money(point.amount) : [])
                if let before = compared.flatMap({ series.counterpart(of: index, in: $0) }) {
                    fields += [("previous", JSONOut.number(before)), ("change", JSONOut.number(point.value - before))]
                }
                return JSONValue.object(fields)
            }
            return JSONWriter.compact(
                .object(
                    [
                        ("metric", .string(series.metricCode)), ("filter", JSONOut.string(filter?.id)),
                        ("bucket", .string(series.isPerBillingPeriod ? "billing_period" : series.bucket.rawValue)),
                        ("points", .array(points)), ("total", JSONOut.number(series.total)),
                    ]
                        + (compared.map { [("previous_total", JSONOut.number($0.total))] } ?? [])))
        case .csv: return table.csv()
        case .table:
            return TabularOutput(table).table() + "\ntotal  \(DecimalText.format(series.total))"
                + (compared.map { "\nprevious total  \(DecimalText.format($0.total))" } ?? "")
        }
    }
}

extension Bucket: ExpressibleByArgument {}
