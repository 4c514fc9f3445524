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

/// One customer's usage against the period before, in the real binary: `snapshot --compare` gives each total's
/// previous value and change (the previous value is what `snapshot` says of the period compared with on its own),
/// and the dashboard opened on the customer with `--compare` shows the same change.
@Suite(
    "End to end: a customer's usage against the period before", .serialized,
    .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct CustomerCompareEndToEndTests {
    @Test func snapshotAndTheUsageViewGiveTheSameChange() async throws {
        let db = try await Program.demoStore("compare-usage", customers: 12, days: 40)
        let compared = try await Program.run(
            Tmux.binary,
            [
                "snapshot", "--db", db, "--customer", "cus_00001", "--period", "last-7-days", "--compare", "previous",
                "--format", "json",
            ])
        #expect(compared.status == 0, "\(compared.stderr)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(compared.stdout.utf8)) as? [String: Any], "\(compared.stdout)")
        let period = try #require(document["compared_period"] as? [String: String], "\(compared.stdout)")
        let metrics = try #require(document["metrics"] as? [[String: Any]])
        let calls = try #require(metrics.first { $0["id"] as? String == "api_calls" })
        let (total, previous, change) = (
            try #require(calls["total"] as? Int), try #require(calls["previous"] as? Int),
            try #require(calls["change"] as? Int)
        )
        #expect(change == total - previous)
        let alone = try await Program.run(
            Tmux.binary,
            [
                "snapshot", "--db", db, "--customer", "cus_00001", "--from", period["start"]!, "--to", period["end"]!,
                "--format", "csv",
            ])
        let row = try #require(
            alone.stdout.split(separator: "\n").first { $0.hasPrefix("api_calls,") }, "\(alone.stdout)")
        #expect(row.split(separator: ",")[2] == "\(previous)", "the previous total is that period's own: \(row)")
        let series = try await Program.run(
            Tmux.binary,
            [
                "timeseries", "--db", db, "--metric", "api_calls", "--customer", "cus_00001", "--period", "last-7-days",
                "--compare", "previous", "--format", "csv",
            ])
        let buckets = series.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(buckets.count == 7, "\(series.stdout)")
        let earlier = buckets.compactMap { $0.count >= 7 ? Int($0[5]) : nil }
        #expect(earlier.reduce(0, +) == previous, "the buckets before add up to the period before: \(series.stdout)")
        for bucket in buckets where bucket.count >= 7 {
            #expect(Int(bucket[6]) == Int(bucket[2])! - Int(bucket[5])!, "change = value - previous: \(bucket)")
        }

        let tmux = try await Tmux(
            width: 120, height: 40, arguments: "--db \(db) --customer cus_00001 --period last-7-days --compare previous"
        )
        let noun = abs(change) == 1 ? "call" : "calls"
        let expected = change == 0 ? " 0 " : "\(change > 0 ? "+" : "-")\(abs(change)) \(noun)"
        let shown = await tmux.waitFor { screen in
            screen.contains("Δ vs prev 7d")
                && screen.split(separator: "\n").contains { $0.contains("API calls") && $0.contains(expected) }
        }
        #expect(shown.ok, "the usage view's change is \(expected):\n\(shown.screen)")
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }
}
