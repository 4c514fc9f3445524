import ArgumentParser
import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// `usagetop snapshot --customer ID`: every metric's total for one customer.
struct SnapshotCommand: HeadlessCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot", abstract: "Print one customer's totals per metric for a period.")

    @Option(
        help: "The customer: its id, or a name (case-insensitive; the words of a name match in any order).",
        completion: NameCompletion.customers)
    var customer: String
    @Option(
        help: ArgumentHelp(
            "Add each total over another period and the change: previous, last-month or last-year (as for "
                + "customers).", valueName: "previous|last-month|last-year"))
    var compare: Comparison?
    @OptionGroup var source: SourceOptions
    @OptionGroup var query: QueryOptions

    func output(service: DataService, period: Period) async throws(UsageError) -> String {
        let found = try await service.findCustomer(customer)
        let report = try await service.report(customerID: found.id, period: period)
        var compared: (period: Period, totals: [UsageTotal])?
        if let compare {
            let other = compare.period(of: query.choice(for: period), now: Date())
            compared = (other, try await service.totals(customerID: found.id, period: other))
        }
        return render(
            customer: found, report: report, period: period, compared: compared, provider: service.providerName)
    }

    /// JSON: `period` is the period of the numbers (null when rows answer different ones, each then carrying its own),
    /// `requested_period` the one asked. Table and CSV: one row per metric or charge, with amount and period when
    /// the provider gives them, and each billing period's bill.
    private func render(
        customer: Customer, report: UsageReport, period: Period, compared: (period: Period, totals: [UsageTotal])?,
        provider: String
    ) -> String {
        let table = ExportTable.usage(
            report.totals, customerID: customer.id, requested: period, previous: compared?.totals)
        switch query.format {
        case .json:
            return json(customer: customer, report: report, period: period, compared: compared, provider: provider)
        case .csv: return table.csv()
        case .table:
            let output = TabularOutput(table)
            let other = report.totals.contains { $0.period != nil }
            var heading =
                TextSanitizer.sanitize("\(customer.name) (\(customer.id))")
                + " · \(UTCTime.iso(period.start)) → \(UTCTime.iso(period.end))"
            if other { heading += "\n\(provider) cannot answer that period: each row is for the period it names" }
            if let compared {
                heading += "\ncompared with \(UTCTime.iso(compared.period.start)) → \(UTCTime.iso(compared.period.end))"
            }
            let bills = report.bills.map { bill in
                "\n"
                    + TextSanitizer.sanitize(
                        bill.line(period: "\(UTCTime.iso(bill.period.start)) → \(UTCTime.iso(bill.period.end))"))
            }
            return heading + "\n" + output.table() + bills.joined()
        }
    }

    private func json(
        customer: Customer, report: UsageReport, period: Period, compared: (period: Period, totals: [UsageTotal])?,
        provider: String
    ) -> String {
        let metrics = report.totals.map { total in
            let change: [(String, JSONValue)] =
                compared.map {
                    let before = total.counterpart(in: $0.totals)
                    return [("previous", JSONOut.number(before)), ("change", JSONOut.number(total.value - before))]
                } ?? []
            return JSONValue.object(
                [
                    ("id", .string(total.metric.code)), ("name", .string(total.metric.name)),
                    ("charge", JSONOut.string(total.charge)),
                    ("aggregation", .string(total.metric.aggregation.rawValue)),
                    ("unit", JSONOut.string(total.metric.unit)), ("total", JSONOut.number(total.value)),
                    ("count", JSONOut.int(total.eventCount)), ("billed_by", JSONOut.string(total.billedBy)),
                    ("subscription", JSONOut.string(total.subscription)),
                ] + JSONOut.money(total.amount) + [("period", JSONOut.period(total.period ?? period))] + change)
        }
        let billed = Money.totals(report.totals.compactMap(\.amount)).map { JSONValue.object(JSONOut.money($0)) }
        let bills = report.bills.map { bill in
            JSONValue.object(
                [
                    ("period", JSONOut.period(bill.period)), ("invoiced", .bool(bill.isInvoiced)),
                    ("plan", JSONOut.string(bill.plan)),
                ]
                    + JSONOut.money(bill.fee, prefix: "fee_") + JSONOut.money(bill.minimum, prefix: "minimum_")
                    + JSONOut.money(bill.amount) + JSONOut.money(bill.taxes, prefix: "taxes_")
                    + JSONOut.money(bill.total, prefix: "total_") + JSONOut.money(bill.projected, prefix: "projected_"))
        }
        return JSONWriter.compact(
            .object(
                [
                    ("provider", .string(provider)),
                    ("customer", .object([("id", .string(customer.id)), ("name", .string(customer.name))])),
                    ("period", JSONOut.answeredPeriod(report.totals.map(\.period), requested: period)),
                    ("requested_period", JSONOut.period(period)),
                ] + (compared.map { [("compared_period", JSONOut.period($0.period))] } ?? []) + [
                    ("metrics", .array(metrics)), ("billed", .array(billed)), ("bills", .array(bills)),
                ]))
    }
}
