import ArgumentParser
import Foundation
import UsageCore
import UsageViewModel

/// `usagetop customers`: every customer with one metric's total for a period, optionally compared with another
/// period, sorted and cut to the first N.
struct CustomersCommand: HeadlessCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers", abstract: "List customers with a metric's total for a period.")

    /// The columns `--sort` takes.
    enum SortKey: String, ExpressibleByArgument, CaseIterable {
        case id, name, total, change, amount
        case lastEvent = "last-event"
    }

    @Option(help: "The metric totalled (default: the first metric).", completion: NameCompletion.metrics) var metric:
        String?
    @Option(
        help: ArgumentHelp(
            "Add the total of another period and the change: previous (the period before, of the same length), "
                + "last-month or last-year (the same stretch a month or a year before; a period under way is "
                + "compared with the same elapsed part).", valueName: "previous|last-month|last-year"))
    var compare: Comparison?
    @Option(help: "Sort by this column (default: id).") var sort: SortKey = .id
    @Flag(help: "Sort in descending order.") var desc = false
    @Option(help: "Print only the first N customers (after sorting).") var limit: Int?
    @OptionGroup var source: SourceOptions
    @OptionGroup var query: QueryOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if sort == .change, compare == nil { throw ValidationError("--sort change needs --compare") }
    }

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
        var rows = try await service.summaries(metric: chosen, period: period, trailingDays: 1, now: period.end)
        var compared: (period: Period, totals: [String: Decimal])?
        if let compare {
            let other = compare.period(of: query.choice(for: period), now: Date())
            let before = try await service.summaries(
                metric: chosen, period: other, trailingDays: 0, now: other.end, priced: false)
            compared = (other, Dictionary(before.map { ($0.customer.id, $0.total) }, uniquingKeysWith: { a, _ in a }))
        }
        rows = Self.ordered(rows, by: sort, descending: desc, previous: compared?.totals ?? [:])
        if let limit { rows = Array(rows.prefix(limit)) }
        return render(rows, metric: chosen, period: period, provider: service.providerName, compared: compared)
    }

    /// `rows` by `key` (ties by id, then subscription), descending when asked.
    static func ordered(_ rows: [CustomerSummary], by key: SortKey, descending: Bool, previous: [String: Decimal])
        -> [CustomerSummary]
    {
        func tie(_ a: CustomerSummary, _ b: CustomerSummary) -> Bool {
            (a.customer.id, a.subscription ?? "") < (b.customer.id, b.subscription ?? "")
        }
        func change(_ row: CustomerSummary) -> Decimal { row.total - (previous[row.customer.id] ?? 0) }
        func amount(_ row: CustomerSummary) -> Int { row.amounts.map(\.minorUnits).reduce(0, +) }
        func before(_ a: CustomerSummary, _ b: CustomerSummary) -> Bool? {
            switch key {
            case .id: nil
            case .name: a.customer.name == b.customer.name ? nil : a.customer.name < b.customer.name
            case .total: a.total == b.total ? nil : a.total < b.total
            case .change: change(a) == change(b) ? nil : change(a) < change(b)
            case .amount: amount(a) == amount(b) ? nil : amount(a) < amount(b)
            case .lastEvent:
                a.lastEventAt == b.lastEventAt ? nil : (a.lastEventAt ?? .distantPast) < (b.lastEventAt ?? .distantPast)
            }
        }
        return rows.sorted { a, b in
            guard let order = before(a, b) else { return tie(a, b) }
            return descending ? !order : order
        }
    }

    /// JSON: `period` is the period of the numbers (null when rows answer different ones, each then carrying its
    /// `periods`), `requested_period` the one asked; amounts per currency where the provider prices usage; with
    /// `--compare`, `compared_period` and each customer's `previous` total and `change`.
    private func render(
        _ rows: [CustomerSummary], metric: Metric, period: Period, provider: String,
        compared: (period: Period, totals: [String: Decimal])?
    ) -> String {
        let table = ExportTable.customers(rows, metric: metric, requested: period, previous: compared?.totals)
        switch query.format {
        case .json:
            let customers = rows.map { row in
                var fields: [(String, JSONValue)] = [
                    ("id", .string(row.customer.id)), ("name", .string(row.customer.name)),
                    ("subscription", JSONOut.string(row.subscription)),
                    ("currency", JSONOut.string(row.customer.currency)), ("total", JSONOut.number(row.total)),
                    ("amounts", .array(row.amounts.map { .object(JSONOut.money($0)) })),
                    ("periods", .array((row.periods.isEmpty ? [period] : row.periods).map(JSONOut.period))),
                    ("last_event_at", JSONOut.string(row.lastEventAt.map(UTCTime.iso))),
                ]
                if let compared {
                    let previous = compared.totals[row.customer.id] ?? 0
                    fields += [
                        ("previous", JSONOut.number(previous)), ("change", JSONOut.number(row.total - previous)),
                    ]
                }
                return JSONValue.object(fields)
            }
            let answered: [Period?] = rows.flatMap { $0.periods.isEmpty ? [nil] : $0.periods.map { Optional($0) } }
            return JSONWriter.compact(
                .object(
                    [
                        ("provider", .string(provider)), ("metric", .string(metric.code)),
                        ("period", JSONOut.answeredPeriod(answered, requested: period)),
                        ("requested_period", JSONOut.period(period)),
                    ] + (compared.map { [("compared_period", JSONOut.period($0.period))] } ?? []) + [
                        ("customers", .array(customers))
                    ]))
        case .csv: return table.csv()
        case .table: return TabularOutput(table).table()
        }
    }
}

extension Comparison: ExpressibleByArgument {}
