import Foundation
import HTTPTestSupport
import Testing

/// The support engineer's task, in the real binary under tmux: "customer X says they were overbilled for API calls
/// last week: show their usage and the events behind it" — find the customer, last 7 days, chart by hour, move to
/// the spike, open its events, filter status=500, copy the event; in at most 15 keystrokes.
@Suite(
    "End to end: from a spike to the events behind it", .serialized,
    .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct SupportTaskEndToEndTests {
    /// A store where Fabrikam Labs had a spike of API calls, three of them failing, two days ago at 14:00 UTC.
    static func store() async throws -> (db: String, spike: Date) {
        let folder = ProcessScratch.root.appendingPathComponent("support-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let today = floor(Date().timeIntervalSince1970 / 86_400) * 86_400
        let spike = Date(timeIntervalSince1970: today - 2 * 86_400 + 14 * 3_600)
        let iso = ISO8601DateFormatter()
        var lines: [String] = []
        for hour in 0..<72 {
            let at = Date(timeIntervalSince1970: today - 3 * 86_400 + Double(hour) * 3_600 + 600)
            lines.append(
                #"{"transaction_id": "base-\#(hour)", "external_customer_id": "cus_fab", "code": "api_calls", "timestamp": "\#(iso.string(from: at))", "properties": {"endpoint": "/v1/search", "status": 200}}"#
            )
        }
        for n in 0..<40 {
            let at = spike.addingTimeInterval(Double(n) * 60)
            let status = n % 13 == 5 ? 500 : 200
            lines.append(
                #"{"transaction_id": "spike-\#(n)", "external_customer_id": "cus_fab", "code": "api_calls", "timestamp": "\#(iso.string(from: at))", "properties": {"endpoint": "/v1/export", "status": \#(status)}}"#
            )
        }
        let events = folder.appendingPathComponent("events.jsonl"),
            metrics = folder.appendingPathComponent("metrics.json")
        let customers = folder.appendingPathComponent("customers.json")
        try lines.joined(separator: "\n").write(to: events, atomically: true, encoding: .utf8)
        try #"[{"code": "api_calls", "name": "API calls", "aggregation": "count", "unit": "calls"}]"#
            .write(to: metrics, atomically: true, encoding: .utf8)
        try #"[{"id": "cus_fab", "name": "Fabrikam Labs"}, {"id": "cus_other", "name": "Fabrikam Logistics"}]"#
            .write(to: customers, atomically: true, encoding: .utf8)
        let db = folder.appendingPathComponent("usage.sqlite").path
        let ingest = try await Program.run(
            Tmux.binary,
            [
                "ingest", "--db", db, "--metrics", metrics.path, "--customers", customers.path, events.path,
            ])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return (db, spike)
    }

    @Test func fromASpikeToTheFailingEventOnTheClipboardInElevenKeys() async throws {
        let (db, spike) = try await Self.store()
        let tmux = try await Tmux(
            width: 120, height: 32, arguments: "--db \(db) --customer 'fab lab' --period last-7-days")
        try await tmux.acceptClipboard()
        #expect(
            await tmux.waitFor { $0.contains("Fabrikam Labs · cus_fab") && $0.contains("API calls") }.ok,
            "opened on the customer found by name")
        var keys = 0
        func press(_ names: String...) async throws {
            keys += names.count
            for name in names { try await tmux.send(name) }
        }
        try await press("Enter")
        #expect(await tmux.waitFor { $0.contains("by day") && $0.contains("buckets") }.ok, "the chart")
        try await press("b")
        #expect(await tmux.waitFor { $0.contains("by hour") }.ok, "b offers hours for a week")
        try await press("^")
        let hour = String(ISO8601DateFormatter().string(from: spike).prefix(10)) + " 14:00 → 15:00"
        let peak = await tmux.waitFor { $0.contains("▸ \(hour) · 41 calls") }
        #expect(peak.ok, "the cursor on the spike:\n\(peak.screen)")
        try await press("e")
        #expect(await tmux.waitFor { $0.contains("spike-39") && $0.contains("newest first") }.ok, "the hour's events")
        try await press("f", "s", "Tab", "5", "Tab", "Enter")
        let failing = await tmux.waitFor { $0.contains("where status=500") && $0.contains("3 events") }
        #expect(failing.ok, "the failing calls:\n\(failing.screen)")
        try await press("y")
        #expect(await tmux.waitFor { $0.contains("copied event spike-31") }.ok)
        let copied = await tmux.pasteBuffer { $0.contains("spike-31") }
        #expect(
            copied.contains(#""transaction_id": "spike-31""#) && copied.contains(#""status": 500"#),
            "clipboard: \(copied)")
        #expect(keys <= 15, "\(keys) keystrokes")
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }

    /// README's recipe exactly as written, on the demo data a first run builds, at 80×24 and 120×40: the command,
    /// then `Enter b ^ e f s Tab 5 Tab Enter y`, ends with a failing call of the spike on the clipboard.
    @Test(arguments: [(80, 24), (120, 40)])
    func theReadmeRecipeWorksOnTheDemoData(width: Int, height: Int) async throws {
        let tmux = try await Tmux(
            width: width, height: height, arguments: "--customer \"fabrikam labs\" --period last-7-days")
        try await tmux.acceptClipboard()
        let opened = await tmux.waitFor(60) { $0.contains("Customers › Fabrikam Labs") && $0.contains("API calls") }
        #expect(opened.ok, "the first run's demo data, opened on the customer:\n\(opened.screen)")
        let keys = ["Enter", "b", "^", "e", "f", "s", "Tab", "5", "Tab", "Enter", "y"]
        for (index, key) in keys.enumerated() {
            try await tmux.send(key)
            // Each step waits for its screen, as a person looks before the next key.
            let shown: ((String) -> Bool)? =
                switch index {
                case 0: { $0.contains("by day") && $0.contains("buckets") }
                case 1: { $0.contains("by hour") && $0.contains("buckets") }
                case 2: { $0.contains("▸ ") && $0.contains("14:00 → 15:00") }
                case 3: { $0.contains("API calls events") && $0.contains("newest first") }
                case 9: { $0.contains("where status=") && $0.contains("· 3 events") }
                default: nil
                }
            if let shown {
                let step = await tmux.waitFor(20, shown)
                #expect(step.ok, "after \(keys[...index].joined(separator: " ")):\n\(step.screen)")
            }
        }
        let copied = await tmux.waitFor { $0.contains("copied event demo-42-ticket-") }
        #expect(copied.ok, "the failing call copied:\n\(copied.screen)")
        let clipboard = await tmux.pasteBuffer { $0.contains("demo-42-ticket-") }
        #expect(clipboard.contains(#""status": 500"#) && clipboard.contains("/v1/export"), "clipboard: \(clipboard)")
        #expect(keys.count == 11)
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }

    @Test func aDoubleClickOpensTheRowUnderThePointer() async throws {
        let (db, _) = try await Self.store()
        let tmux = try await Tmux(width: 100, height: 24, arguments: "--db \(db) --period last-7-days")
        #expect(await tmux.waitFor { $0.contains("Fabrikam Logistics") && $0.contains("2 of 2") }.ok)
        // xterm SGR mouse reports (1-based): press and release of button 1 on the second row (screen row 6), twice.
        let click = "\u{1B}[<0;20;6M\u{1B}[<0;20;6m"
        try await tmux.type(click + click)
        let opened = await tmux.waitFor { $0.contains("Fabrikam Logistics · cus_other") }
        #expect(opened.ok, "the double-clicked customer opened:\n\(opened.screen)")
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }
}
