import Foundation
import HTTPTestSupport
import Testing

/// A money ticket on the demo store, in the real binary under tmux: "Initech Labs says last month's storage spike
/// was overbilled: what did that day cost, which region made it up, and does the bill match the events?" — the bill
/// checked against the events, the spike day's cost on the chart, the spike split by region, in at most 12 keys.
@Suite(
    "End to end: was the demo customer billed right", .serialized,
    .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct DemoBillingEndToEndTests {
    @Test func theSpikeItsRegionAndTheBillInTwelveKeysAtMost() async throws {
        let db = try await Program.demoStore("demo-billing", customers: 12, days: 70)
        // The demo's numbers follow the day it is built on: the amounts expected are the headless commands' own.
        let snapshot = try await Program.run(
            Tmux.binary,
            ["snapshot", "--db", db, "--customer", "cus_00003", "--period", "last-month", "--format", "csv"])
        let calls = snapshot.stdout.split(separator: "\n").filter { $0.hasPrefix("api_calls,") }
            .map { $0.split(separator: ",").dropLast().last.map(String.init) ?? "" }
        #expect(calls.count == 2, "the events' amount and the bill's:\n\(snapshot.stdout)")
        let reconciled = try await Program.run(
            Tmux.binary, ["reconcile", "--db", db, "--customer", "cus_00003", "--format", "csv"])
        let difference =
            reconciled.stdout.split(separator: "\n").dropFirst().first?.split(
                separator: ",", omittingEmptySubsequences: false)[12] ?? ""
        #expect(difference.hasPrefix("-"), "the bill is higher than the events:\n\(reconciled.stdout)")
        let tmux = try await Tmux(
            width: 100, height: 30, arguments: "--db \(db) --customer 'initech labs' --period last-month")
        let usage = await tmux.waitFor { $0.contains("Initech Labs · cus_00003") && $0.contains("as billed") }
        #expect(usage.ok, "the usage, the bill's row beside the events':\n\(usage.screen)")
        for amount in calls { #expect(usage.screen.contains("EUR \(amount)"), "EUR \(amount):\n\(usage.screen)") }
        var keys = 0
        func press(_ names: String...) async throws {
            keys += names.count
            for name in names { try await tmux.send(name) }
        }
        try await press("$")
        let check = await tmux.waitFor {
            $0.contains("-EUR \(difference.dropFirst())") && $0.contains("1 of 1 charges differ")
        }
        #expect(check.ok, "the bill against the events:\n\(check.screen)")
        #expect(check.screen.contains("the bill counts 25 units its events do not hold"), "\(check.screen)")
        try await press("Escape", "Down", "Down", "Down", "Enter")
        #expect(await tmux.waitFor { $0.contains("Peak storage · Initech Labs · by day") }.ok, "the storage chart")
        try await press("^")
        let spike = String(
            LagoAccount.iso(Calendar.utc.date(byAdding: .day, value: 14, to: ReconcileEndToEndTests.lastMonth)!).prefix(
                10))
        let readout = await tmux.waitFor { $0.contains("Peak storage · Initech Labs") && $0.contains("▸ \(spike) · ") }
        #expect(readout.ok, "the cursor on the spike:\n\(readout.screen)")
        let line = readout.screen.split(separator: "\n").first { $0.contains("▸ \(spike)") } ?? ""
        // The demo's sizes vary with the day it is built on: the peak reads in GB, or in TB with its GB after it.
        #expect(
            line.contains(" GB · EUR ") || (line.contains(" TB (") && line.contains(" GB) · EUR ")),
            "what the spike day cost: \(line)")
        // B opens on the most telling property: region (the measured gb and a one-value bucket come last).
        try await press("B")
        let regions = await tmux.waitFor {
            $0.contains("Peak storage by region") && $0.contains("eu-west") && $0.contains("Tab: region · bucket · gb")
                && $0.contains("Δ vs prev bucket")
        }
        #expect(regions.ok, "the spike by region:\n\(regions.screen)")
        #expect(keys <= 12, "\(keys) keys")
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }

    /// "Which region made the storage spike, against the day before?" on the demo store at 80×24 and 120×40: the
    /// storage chart, its peak, the breakdown by region with each region's change against the day before, in
    /// six keys.
    @Test(arguments: [(80, 24), (120, 40)])
    func theSpikesRegionAgainstTheDayBefore(width: Int, height: Int) async throws {
        let db = try await Program.demoStore("demo-region", customers: 12, days: 70)
        let tmux = try await Tmux(
            width: width, height: height, arguments: "--db \(db) --customer 'initech labs' --period last-month")
        #expect(await tmux.waitFor { $0.contains("Peak storage") && $0.contains("Initech Labs") }.ok)
        let keys = ["Down", "Down", "Down", "Enter", "^", "B"]
        for (index, key) in keys.enumerated() {
            try await tmux.send(key)
            if index == 3 { _ = await tmux.waitFor { $0.contains("Peak storage · Initech Labs · by day") } }
            if index == 4 { _ = await tmux.waitFor { $0.contains("▸ ") } }
        }
        let regions = await tmux.waitFor {
            $0.contains("Peak storage by region") && $0.contains("eu-west") && $0.contains("Δ vs prev bucket")
        }
        #expect(regions.ok, "the spike by region, against the day before:\n\(regions.screen)")
        #expect(keys.count <= 12)
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }
}
