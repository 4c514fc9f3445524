@testable import DashboardScreens
import Foundation
import LocalStore
import TermUI
import Testing
import UsageCore
import UsageViewModel

/// Every view at 80×24 and 120×40 with a fixed clock, against a real demo store.
@Suite("Golden screens")
struct GoldenScreenTests {
    static let sizes = [(80, 24), (120, 40)]

    @Test(arguments: sizes)
    func customers(width: Int, height: Int) async throws {
        let h = try await ScreenHarness(width: width, height: height, build: ScreenHarness.demo)
        Snapshot.assert(h.frame(), named: "customers-\(width)x\(height)")
    }

    @Test(arguments: sizes)
    func customersFilteredAndSortedByName(width: Int, height: Int) async throws {
        var h = try await ScreenHarness(width: width, height: height, build: ScreenHarness.demo)
        await h.press(.character("s"), .character("s"), .character("/"))
        await h.type("lab")
        Snapshot.assert(h.frame(), named: "customers-filtered-\(width)x\(height)")
    }

    /// `c`: the change against the same stretch of last month, the largest rise first; at 200 columns the side
    /// metrics stay beside it.
    @Test(arguments: sizes + [(200, 60)])
    func customersComparedWithLastMonth(width: Int, height: Int) async throws {
        var h = try await ScreenHarness(width: width, height: height, build: ScreenHarness.demo)
        await h.press(.character("c"))
        Snapshot.assert(h.frame(), named: "customers-compared-\(width)x\(height)")
    }

    @Test(arguments: sizes)
    func customerUsage(width: Int, height: Int) async throws {
        var h = try await ScreenHarness(width: width, height: height, build: ScreenHarness.demo)
        await h.press(.down, .enter)
        Snapshot.assert(h.frame(), named: "usage-\(width)x\(height)")
    }

    @Test(arguments: sizes)
    func customerTimeseries(width: Int, height: Int) async throws {
        var h = try await ScreenHarness(width: width, height: height, build: ScreenHarness.demo)
        await h.press(.enter, .down, .enter)
        Snapshot.assert(h.frame(), named: "timeseries-\(width)x\(height)")
    }

    @Test(arguments: sizes)
    func clientWideTimeseriesInBlocks(width: Int, height: Int) async throws {
        var h = try await ScreenHarness(width: width, height: height, build: ScreenHarness.demo)
        await h.press(.character("["), .character("t"))
        Snapshot.assert(h.frame(RenderOptions(plotMode: .block)), named: "timeseries-all-block-\(width)x\(height)")
    }

    @Test(arguments: sizes)
    func events(width: Int, height: Int) async throws {
        var h = try await ScreenHarness(width: width, height: height, build: ScreenHarness.demo)
        await h.press(.enter, .character("e"), .character("n"))
        Snapshot.assert(h.frame(), named: "events-\(width)x\(height)")
    }

    /// Transaction ids are whole from a 120-column terminal (up to 64 characters); narrower, the properties keep
    /// the room and ids are cut at 16.
    @Test func transactionIDsAreWholeFrom120Columns() {
        let id = "txn_2026-12-05T14:39:01_export_0042"
        let events = [
            UsageEvent(
                transactionID: id, customerID: "c", metricCode: "m", timestamp: ScreenHarness.now,
                properties: .object([]))
        ]
        #expect(EventsView.idWidth(events, terminalWidth: 120) == id.count)
        #expect(EventsView.idWidth(events, terminalWidth: 119) == 16)
    }

    @Test(arguments: sizes)
    func eventDetail(width: Int, height: Int) async throws {
        var h = try await ScreenHarness(width: width, height: height, build: ScreenHarness.demo)
        await h.press(.enter, .down, .character("e"), .down, .enter)
        Snapshot.assert(h.frame(), named: "event-detail-\(width)x\(height)")
    }

    @Test(arguments: sizes)
    func help(width: Int, height: Int) async throws {
        var h = try await ScreenHarness(width: width, height: height, build: ScreenHarness.demo)
        await h.press(.character("?"))
        Snapshot.assert(h.frame(), named: "help-\(width)x\(height)")
    }

    /// At 80×24 the help does not fit: it says it scrolls, and scrolled to its end it shows every `:` command and
    /// the periods, the last line included.
    @Test func helpScrollsToEveryCommandAndPeriodOnASmallScreen() async throws {
        var h = try await ScreenHarness(width: 80, height: 24, build: ScreenHarness.demo)
        await h.press(.character("?"))
        #expect(h.frame().text.contains("↑↓ scroll · Esc closes"))
        await h.press(.pageDown, .pageDown, .pageDown)
        let text = h.frame().text
        for word in [":profile NAME", ":compare", ":export", "this-week", "ytd", "2026-11-01..2026-11-08"] {
            #expect(text.contains(word), "\(word) shows once scrolled:\n\(text)")
        }
        Snapshot.assert(h.frame(), named: "help-scrolled-80x24")
        await h.press(.character("x"))
        #expect(h.state.overlay == nil, "another key closes it")
    }

    @Test func oldNumbersShowTheirAgeWhileNewOnesLoad() async throws {
        var h = try await ScreenHarness(width: 120, height: 40, build: ScreenHarness.demo)
        let before = h.frame().text
        _ = h.state.reduce(.ticked(ScreenHarness.now.addingTimeInterval(95)))
        _ = h.state.reduce(.keyPressed(.character("r")))
        let frame = h.frame().text
        #expect(frame.contains("refreshed 12:00:00 UTC · 1m ago"))
        #expect(frame.split(separator: "\n")[4] == before.split(separator: "\n")[4], "the rows stay while reloading")
        #expect(Format.spinner.contains { frame.contains($0) }, "the spinner shows")
    }

    @Test func monoThemeAndAsciiGlyphs() async throws {
        let h = try await ScreenHarness(width: 80, height: 24, build: ScreenHarness.demo)
        Snapshot.assert(
            h.frame(RenderOptions(theme: .monochrome, plotMode: .ascii, glyphs: .ascii)),
            named: "customers-mono-ascii-80x24")
    }

    @Test(arguments: [(59, 24), (80, 14), (1, 1), (0, 0)])
    func tooSmall(width: Int, height: Int) async throws {
        let h = try await ScreenHarness(width: width, height: height, build: ScreenHarness.demo)
        let frame = h.frame()
        #expect(frame.width == width && frame.height == height)
        if width >= 30 && height >= 4 {
            #expect(frame.text.contains("need 60×15"))
            #expect(frame.text.contains("have \(width)×\(height)"))
        }
    }

    @Test func hostileAndWideNamesKeepColumnsAligned() async throws {
        var h = try await ScreenHarness(width: 80, height: 24) { store in
            try Self.hostileStore(store)
        }
        Snapshot.assert(h.frame(), named: "customers-hostile-80x24")
        let frame = h.frame()
        #expect(!frame.cells.contains { $0.symbol.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 } })
        let borders = (3..<7).map { row in frame.line(row).last }
        #expect(borders.allSatisfy { $0 == "│" }, "the right border stays in the last column on every row")
        await h.press(.enter)
        #expect(h.frame().text.contains("�]0;owned�Acme�[2J"))
    }

    static func hostileStore(_ store: UsageStore) throws {
        let folder = URL(fileURLWithPath: store.path).deletingLastPathComponent()
        let events = folder.appendingPathComponent("e.jsonl")
        let names = ["\u{1b}]0;owned\u{07}Acme\u{1b}[2J", "東京テック株式会社 東京テック株式会社 長い名前", "Ünïcödé 👨‍👩‍👧 Labs", "e\u{301}cole"]
        let lines = names.indices.map { i in
            #"{"transaction_id": "t\#(i)", "external_customer_id": "c\#(i)", "code": "calls", "timestamp": "2026-11-2\#(i)T08:00:00Z"}"#
        }
        try lines.joined(separator: "\n").write(to: events, atomically: true, encoding: .utf8)
        _ = try Ingestor(store: store).ingest(
            eventsPath: events.path, metrics: [Metric(code: "calls", name: "Calls", aggregation: .count)],
            customers: names.enumerated().map { Customer(id: "c\($0.offset)", name: $0.element) })
    }
}
