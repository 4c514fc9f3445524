import ArgumentParser
import Foundation
import UsageCore
import UsageViewModel

/// `usagetop breakdown --customer NAME-OR-ID --metric CODE --by KEY`: which values of an event property made up a
/// metric's usage (which endpoint, region or status), over every event of the period.
struct BreakdownCommand: HeadlessCommand {
    static let configuration = CommandConfiguration(
        commandName: "breakdown", abstract: "Split a customer's usage of a metric by the values of an event property.")

    @Option(
        help: "The customer: its id, or a name (case-insensitive; the words of a name match in any order).",
        completion: NameCompletion.customers)
    var customer: String
    @Option(help: "The metric code.", completion: NameCompletion.metrics) var metric: String
    @Option(
        help:
            "The event property to split by (for example endpoint, region, status); on Lago, a key of the charge's filters or groups."
    )
    var by: String
    @OptionGroup var source: SourceOptions
    @OptionGroup var query: QueryOptions

    /// A property no event of the period carries, with those they do.
    func misnamed(service: DataService, period: Period) async throws(UsageError) -> String? {
        let metric = try await service.metric(code: self.metric)
        let found = try await service.findCustomer(customer)
        let rows = try await service.breakdown(customerID: found.id, metric: metric, period: period, by: by)
        guard !rows.isEmpty, rows.allSatisfy({ $0.value == nil }) else { return nil }
        let keys = try await service.propertyKeys(customerID: found.id, metric: metric, period: period)
        return "no \(metric.code) event of \(found.id) in this period has a property '\(by)'; "
            + (keys.isEmpty ? "its events carry none" : "properties: \(keys.joined(separator: ", "))")
    }

    func output(service: DataService, period: Period) async throws(UsageError) -> String {
        let metric = try await service.metric(code: self.metric)
        let found = try await service.findCustomer(customer)
        let rows = try await service.breakdown(customerID: found.id, metric: metric, period: period, by: by)
        let answered = rows.first?.periods ?? []
        switch query.format {
        case .json:
            let items = rows.map { row in
                var fields: [(String, JSONValue)] = [("value", JSONOut.string(row.value))]
                if !row.also.isEmpty {
                    fields.append(("also", .object(row.also.map { ($0.key, JSONValue.string($0.value)) })))
                }
                if row.unmatched { fields.append(("no_filter_matched", .bool(true))) }
                if let subscription = row.subscription { fields.append(("subscription", .string(subscription))) }
                return JSONValue.object(
                    fields + [("events", JSONOut.int(row.events)), ("total", JSONOut.number(row.total))]
                        + JSONOut.money(row.amount))
            }
            return JSONWriter.compact(
                .object([
                    ("customer", .string(found.id)), ("metric", .string(metric.code)), ("by", .string(by)),
                    (
                        "period",
                        answered.count == 1
                            ? JSONOut.period(answered[0]) : answered.isEmpty ? JSONOut.period(period) : .null
                    ),
                    ("periods", .array((answered.isEmpty ? [period] : answered).map(JSONOut.period))),
                    ("requested_period", JSONOut.period(period)), ("values", .array(items)),
                ]))
        case .csv: return ExportTable.breakdown(rows, key: by, metric: metric, customerID: found.id).csv()
        case .table:
            let output = TabularOutput(ExportTable.breakdown(rows, key: by, metric: metric, customerID: found.id))
            let note =
                answered.isEmpty
                ? ""
                : "\nnumbers for "
                    + answered.map { "\(UTCTime.iso($0.start)) → \(UTCTime.iso($0.end))" }.joined(separator: ", ")
            return output.table() + note
        }
    }
}
