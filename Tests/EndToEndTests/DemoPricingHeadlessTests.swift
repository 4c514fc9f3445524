import Foundation
import HTTPTestSupport
import Testing

/// The demo store's money in the headless commands, as a script reads it: the customers table's amount of a charge
/// priced per region (a filter) is the amount the customer's snapshot gives, and the chart's days add up to it.
@Suite("End to end: the demo's amounts agree across the headless commands")
struct DemoPricingHeadlessTests {
    @Test func theTableTheSnapshotAndTheChartGiveOneAmount() async throws {
        let db = try await Program.demoStore("demo-pricing", customers: 6, days: 70)
        func csv(_ arguments: String...) async throws -> [[Substring]] {
            let run = try await Program.run(
                Tmux.binary, arguments + ["--db", db, "--period", "last-month", "--format", "csv"])
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            return run.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        }
        let table = try await csv("customers", "--metric", "data_transfer_gb")
        #expect(table.first?.suffix(2) == ["amount", "currency"], "\(table.first ?? [])")
        var priced = 0
        for row in table.dropFirst() where row.count > 2 && row[2] != "0" {
            let customer = String(row[0])
            let snapshot = try await csv("snapshot", "--customer", customer)
            let line = snapshot.first { $0.first == "data_transfer_gb" }
            #expect(line?.suffix(2) == row.suffix(2), "\(customer): the table's amount is the snapshot's")
            let chart = try await csv("timeseries", "--customer", customer, "--metric", "data_transfer_gb")
            #expect(chart.first == ["start", "end", "value", "amount", "currency"], "\(chart.first ?? [])")
            let days = chart.dropFirst().compactMap { Decimal(string: String($0[3])) }.reduce(0, +)
            #expect(days == Decimal(string: String(row[row.count - 2])), "\(customer): the days add up to the month")
            priced += 1
        }
        #expect(priced > 0, "some demo customer moved data last month:\n\(table)")
    }

    /// `breakdown --by` a property no event carries is a usage error (64) naming the properties there are, like a
    /// mistyped option, rather than a table of "(without typo)".
    @Test func aBreakdownByAPropertyNoEventHasExits64() async throws {
        let db = try await Program.demoStore("demo-breakdown", customers: 3, days: 40)
        let arguments = [
            "breakdown", "--db", db, "--customer", "cus_00001", "--metric", "api_calls", "--period", "-30d",
        ]
        let typo = try await Program.run(Tmux.binary, arguments + ["--by", "stauts"])
        #expect(typo.status == 64 && typo.stdout.isEmpty, "\(typo.status) \(typo.stdout)")
        #expect(
            typo.stderr.contains("has a property 'stauts'; properties: ") && typo.stderr.contains("status"),
            "\(typo.stderr)")
        let right = try await Program.run(Tmux.binary, arguments + ["--by", "status"])
        #expect(right.status == 0 && right.stdout.hasPrefix("status"), "\(right.stderr)")
    }
}
