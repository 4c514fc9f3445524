import Foundation
import HTTPTestSupport
import Testing

/// "This month's API calls of the top 5 customers against last month's", in the real binary: one key (`c`) in the
/// dashboard at 80×24 and 120×40, and one headless command that names the same five customers in the same order.
@Suite(
    "End to end: this month against last month", .serialized,
    .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct CompareEndToEndTests {
    @Test(arguments: [(80, 24), (120, 40)])
    func theTopFiveAgainstLastMonthInOneKey(width: Int, height: Int) async throws {
        let db = try await Program.demoStore("compare", customers: 20, days: 70)
        let headless = try await Program.run(
            Tmux.binary,
            [
                "customers", "--db", db, "--compare", "last-month", "--sort", "change", "--desc", "--limit", "5",
                "--format", "csv",
            ])
        #expect(headless.status == 0, "\(headless.stderr)")
        let lines = headless.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("id,name,api_calls,previous,change,") == true, "\(headless.stdout)")
        let topFive = lines.dropFirst().map { String($0.split(separator: ",")[1]) }
        #expect(topFive.count == 5, "\(headless.stdout)")

        let tmux = try await Tmux(width: width, height: height, arguments: "--db \(db)")
        #expect(await tmux.waitFor { $0.contains("Customers · API calls") && $0.contains("20 of 20") }.ok)
        try await tmux.send("c")  // the one key
        let compared = await tmux.waitFor { screen in
            screen.contains("Δ vs last month ▼") && screen.contains("%)")
        }
        #expect(compared.ok, "the change column:\n\(compared.screen)")
        let rows = compared.screen.split(separator: "\n").filter { $0.hasPrefix("│") && $0.contains("cus_") }
        for (place, name) in topFive.enumerated() {
            #expect(
                rows.indices.contains(place) && rows[place].contains(String(name.prefix(12))),
                "row \(place + 1) is \(name), as the headless command ranks it:\n\(compared.screen)")
        }
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }
}
