import ArgumentParser
import Foundation
import UsageCore
import UsageViewModel

/// `usagetop events --customer NAME-OR-ID --metric CODE [--where KEY=VALUE] [--oldest-first] [--page N]`: one page
/// of raw events.
struct EventsCommand: HeadlessCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "Print a page of raw events for a customer and metric.")

    @Option(
        help: "The customer: its id, or a name (case-insensitive; the words of a name match in any order).",
        completion: NameCompletion.customers)
    var customer: String
    @Option(help: "The metric code.", completion: NameCompletion.metrics) var metric: String
    @Option(help: "Count only events matching one of the metric's filters (Hyperline's aggregator filter id).")
    var filter: String?
    @Option(
        name: .customLong("where"), help: "Only events whose property KEY equals VALUE (KEY=VALUE; repeat for more).")
    var matches: [String] = []
    @Flag(help: "Oldest first (default: newest first, where the provider can order).") var oldestFirst = false
    @Option(help: "Only events whose transaction id or properties hold TEXT (case-insensitive).") var search: String?
    @Option(help: "The page, starting at 1.") var page: Int = 1
    @Option(help: "Events per page.") var pageSize: Int = 50
    @OptionGroup var source: SourceOptions
    @OptionGroup var query: QueryOptions

    func validate() throws {
        guard (1...1_000_000).contains(page) else { throw ValidationError("--page must be from 1 to 1000000") }
        guard (1...10_000).contains(pageSize) else { throw ValidationError("--page-size must be between 1 and 10000") }
        if let bad = matches.first(where: { EventQuery.Match.parse($0) == nil }) {
            throw ValidationError("--where '\(bad)' is not KEY=VALUE (e.g. --where status=500)")
        }
    }

    func output(service: DataService, period: Period) async throws(UsageError) -> String {
        let metric = try await service.metric(code: self.metric).filtered(by: filter)
        let found = try await service.findCustomer(customer)
        let result = try await service.events(
            customerID: found.id, metric: metric, period: period, page: page - 1, pageSize: pageSize,
            query: EventQuery(
                newestFirst: !oldestFirst, matches: matches.compactMap(EventQuery.Match.parse), text: search))
        if result.newestFirst != nil, result.newestFirst != !oldestFirst {
            StandardError.line(
                "usagetop: note: \(service.providerName) lists events \(result.orderText) only: \(oldestFirst ? "--oldest-first" : "newest first") not applied"
            )
        }
        if page > result.pageCount {
            throw UsageError(
                .invalidInput,
                "--page \(page) is past the last page (\(result.pageCount) of \(result.totalCount) events)")
        }
        return render(result, customerID: found.id, period: period)
    }

    private func render(_ result: Page<UsageEvent>, customerID: String, period: Period) -> String {
        switch query.format {
        case .json:
            let events = result.items.map { event in
                JSONValue.object(
                    [
                        ("transaction_id", .string(event.transactionID)),
                        ("timestamp", .string(UTCTime.iso(event.timestamp))),
                    ] + (event.subscriptionID.map { [("external_subscription_id", JSONValue.string($0))] } ?? []) + [
                        ("properties", event.properties)
                    ])
            }
            return JSONWriter.compact(
                .object([
                    ("customer", .string(customerID)), ("metric", .string(metric)), ("filter", JSONOut.string(filter)),
                    ("period", JSONOut.period(period)),
                    ("page", .number(String(page))), ("pages", .number(String(result.pageCount))),
                    ("total", .number(String(result.totalCount))),
                    ("order", .string(result.orderText.replacingOccurrences(of: " ", with: "_"))),
                    ("events", .array(events)),
                    ("unreadable", .array(result.unreadable.map(JSONValue.string))),
                ]))
        case .table, .csv:
            for problem in result.unreadable { StandardError.line("usagetop: not shown: \(problem)") }
            let table = ExportTable.events(result, customerID: customerID, metricCode: metric)
            if query.format == .csv { return table.csv() }
            return TabularOutput(table).table()
                + "\npage \(page) of \(result.pageCount) · \(result.totalCount) events · \(result.orderText)"
        }
    }
}
