import ArgumentParser
import Foundation
import StoreSync
import UsageCore
import UsageViewModel

/// `usagetop reconcile`: checks the provider's bills kept in a synced store against the events behind them and the
/// plan's prices; exits 0 when everything agrees and 1 when anything differs, so it can run nightly.
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Check the provider's bills against the events and the plan; exit 1 when anything differs.",
        discussion: """
            Reads a store that `usagetop sync` filled from the provider: per subscription, billing period and charge, \
            the units the events add up to beside the units billed, the amount the plan gives those events beside \
            the amount billed, the differences, and their likely causes (late events, events after a subscription \
            ended, events matching no filter, a plan change, rounding). The plans are those sync kept (Lago's), \
            else config.toml's [[plans]]. --all (the default) ranks customers by the money difference. The period \
            (default: last month) picks the billing periods that overlap it.
            """)

    @Option(help: "Check this customer only (id or name).", completion: NameCompletion.customers) var customer: String?
    @Flag(help: "Check every customer (the default).") var all = false
    @OptionGroup var source: SourceOptions
    @OptionGroup var when: PeriodOptions
    @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

    func run() async throws {
        let now = Date()
        let report: ReconcileReport
        do {
            if all, customer != nil { throw UsageError(.invalidInput, "give --customer NAME or --all, not both") }
            let period = try when.choice(default: .preset(.lastMonth), now: now).resolve(now: now)
            let service = try await source.makeService(storeOnly: true)
            var id: String?
            if let customer { id = try await service.findCustomer(customer).id }
            var found = try await service.reconcile(customerID: id, period: period)
            var warnings: [String] = []  // said already, when the service was made
            let profile = try source.selectedProfile(warnings: &warnings)
            if let kind = try source.kind(profile: profile) {
                let provider = try await source.remoteProvider(kind, profile)
                do {
                    found.lines += try await AfterEndEvents(provider: provider, now: now).lines(found)
                } catch {
                    found.notes.append(
                        "events after a subscription ended not checked: \(UsageError.wrapping(error, context: kind.name).message)"
                    )
                }
            }
            report = found
        } catch let error as UsageError {
            throw Failure.exit(error)
        }
        StandardOutput.line(render(report))
        for note in report.notes { StandardError.line("usagetop reconcile: \(note)") }
        if !report.agrees { throw ExitCode(1) }
    }

    /// The report as asked: a summary line over the table, the table's CSV, or JSON with the ranking.
    private func render(_ report: ReconcileReport) -> String {
        let table = ExportTable.reconcile(report)
        switch format {
        case .csv: return table.csv()
        case .json:
            let ranked = report.ranked.map { entry in
                JSONValue.object([
                    ("customer", .string(entry.customer.id)), ("name", .string(entry.customer.name)),
                    ("money_difference", Self.amount(entry.money, entry.lines[0].currency)),
                    ("currency", JSONOut.string(entry.lines[0].currency)), ("charges", .number("\(entry.lines.count)")),
                ])
            }
            return JSONWriter.pretty(
                .object([
                    ("period", JSONOut.period(report.period)), ("agrees", .bool(report.agrees)),
                    ("checked", .number("\(report.lines.count)")),
                    ("differing", .number("\(report.differences.count)")),
                    ("customers", .array(ranked)), ("notes", .array(report.notes.map(JSONValue.string))),
                    ("lines", (try? JSONParser.parse(table.json())) ?? .array([])),
                ]))
        case .table:
            return Self.summary(report) + "\n" + TabularOutput(table).table()
        }
    }

    /// An amount in minor units as an exact JSON number in its currency's digits (null without a currency).
    private static func amount(_ cents: Int, _ currency: String?) -> JSONValue {
        currency.map { .number(Money(minorUnits: cents, currency: $0).plainAmount) } ?? .null
    }

    /// `reconcile 2026-11-01 → 2026-12-01: 12 charges checked, 3 differ (2 customers, EUR 4.20 in all)`.
    static func summary(_ report: ReconcileReport) -> String {
        let differing = report.differences
        guard !differing.isEmpty else {
            return
                "reconcile \(PeriodText.span(report.period)): \(report.lines.count) charge\(report.lines.count == 1 ? "" : "s") checked, all agree"
        }
        let money = Money.totals(
            differing.compactMap { line in
                line.moneyDifference.flatMap { cents in
                    line.currency.map { Money(minorUnits: abs(cents), currency: $0) }
                }
            })
        let amounts = money.isEmpty ? "" : ", \(money.map(\.text).joined(separator: " + ")) of differences"
        return
            "reconcile \(PeriodText.span(report.period)): \(report.lines.count) charges checked, \(differing.count) differ (\(report.ranked.count) customer\(report.ranked.count == 1 ? "" : "s")\(amounts))"
    }
}
