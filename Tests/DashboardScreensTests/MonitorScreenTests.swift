@testable import DashboardScreens
import Foundation
import LocalStore
import TermUI
import Testing
import UsageCore
@testable import UsageViewModel

@Suite("Monitor screens as golden text at fixed sizes")
struct MonitorScreenTests {
    static let sizes = [(80, 24), (120, 40), (200, 60)]

    @Test(arguments: sizes)
    func monitor(width: Int, height: Int) async throws {
        let h = try await MonitorHarness(width: width, height: height, build: ScreenHarness.demo)
        Snapshot.assert(h.frame(), named: "monitor-\(width)x\(height)")
        #expect(h.frame().text.contains("live") && !h.frame().text.contains(" ago "))
        #expect(!h.frame().text.contains("stale"))
    }

    /// Within one refresh interval a panel says `live` (nothing to rewrite every second); a refresh that is late
    /// shows the age, and three intervals make it stale.
    @Test func panelsSayLiveUntilARefreshIsLate() async throws {
        var h = try await MonitorHarness(width: 120, height: 40, build: ScreenHarness.demo)
        _ = h.state.reduce(.ticked(ScreenHarness.now.addingTimeInterval(1)))
        #expect(h.frame().text.contains(" live ") && !h.frame().text.contains("1s ago"))
        _ = h.state.reduce(.ticked(ScreenHarness.now.addingTimeInterval(3)))  // the refresh it asks for never answers
        #expect(h.frame().text.contains(" 3s ago ") && !h.frame().text.contains(" live "))
        _ = h.state.reduce(.ticked(ScreenHarness.now.addingTimeInterval(7)))
        #expect(h.frame().text.contains("stale 7s"))
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func bigDigitsForTheClockAndTheTotal(width: Int, height: Int) async throws {
        var h = try await MonitorHarness(width: width, height: height, build: ScreenHarness.demo)
        await h.send(.keyPressed(.character("B")))
        #expect(h.state.bigNumbers)
        let frame = h.frame()
        Snapshot.assert(frame, named: "monitor-big-\(width)x\(height)")
        // 12:00 in big digits: five rows at 80×24, ten (each dot two cells across and down) on a 200×60 wall screen.
        let clock = width >= 150 ? "██  ██████      ██████  ██████" : "  █ ███   ███ ███"
        #expect(frame.text.contains(clock), "12:00 in big digits")
        let rows = frame.text.split(separator: "\n").prefix(15).filter { $0.contains(width >= 150 ? "██" : "█") }
        #expect(rows.count >= (width >= 150 ? 10 : 5), "the digits are \(rows.count) rows high")
        let total = try #require(h.state.series["api_calls"]?.value?.total)
        #expect(frame.text.contains("API calls · all customers · last 24 hours"))
        #expect(total > 0 && frame.text.contains("Top customers"), "the board still shows under the big digits")
        await h.send(.keyPressed(.character("B")))
        #expect(!h.frame().text.contains(clock))
    }

    @Test func backendDownShowsBannerAndStaleMarkersThenRecovers() async throws {
        var h = try await MonitorHarness(width: 120, height: 40, build: ScreenHarness.demo)
        let fresh = h.frame()
        let down = UsageError(.unavailable, "hyperline: cannot connect to 127.0.0.1:9 (connection refused)")
        var t = ScreenHarness.now
        for _ in 0..<4 {
            t = t.addingTimeInterval(2)
            for effect in h.state.reduce(.ticked(t)) {
                if case .load(let id, .metrics) = effect { _ = h.state.reduce(.answered(id, .metrics(.failure(down)))) }
                if case .load(let id, .source) = effect { _ = h.state.reduce(.answered(id, .source(.failure(down)))) }
            }
        }
        _ = h.state.reduce(.ticked(t.addingTimeInterval(1)))
        let failing = h.frame()
        Snapshot.assert(failing, named: "monitor-stale-120x40")
        #expect(failing.line(1).contains("connection refused"))
        #expect(failing.line(1).contains("failing since 12:00:02 (7s)") && failing.line(1).contains("next try in 1s"))
        #expect(failing.text.contains("stale 9s"))
        #expect(failing[5, 4].style == Theme.standard.text(.stale), "stale numbers are drawn in the stale role")
        #expect(fresh[5, 3].style != Theme.standard.text(.stale))
        // Recovery: the next round succeeds, and the screen equals a fresh start's at that moment.
        let back = t.addingTimeInterval(2)
        await h.send(.ticked(back))
        let restarted = try await MonitorHarness(width: 120, height: 40, now: back, build: ScreenHarness.demo)
        #expect(!h.frame().text.contains("stale") && !h.frame().text.contains("failing"))
        #expect(h.frame() == restarted.frame(), "recovered screen equals a fresh start's")
    }

    @Test func aBackendDownFromTheStartSaysSoAndKeepsTrying() {
        let now = ScreenHarness.now
        var state = MonitorState(
            now: now, width: 80, height: 24, providerName: "hyperline", capabilities: .all,
            refreshSeconds: 30)
        let down = UsageError(.unavailable, "hyperline: GET /v1/aggregators: connection refused")
        for effect in state.reduce(.started(now: now, width: 80, height: 24)) {
            if case .load(let id, .metrics) = effect { _ = state.reduce(.answered(id, .metrics(.failure(down)))) }
            if case .load(let id, .source) = effect { _ = state.reduce(.answered(id, .source(.failure(down)))) }
        }
        _ = state.reduce(.ticked(now.addingTimeInterval(4)))
        let frame = MonitorRenderer.render(state, options: RenderOptions())
        Snapshot.assert(frame, named: "monitor-down-from-start-80x24")
        #expect(frame.line(1).contains("connection refused") && frame.line(1).contains("next try in 26s"))
        #expect(frame.text.contains("no data") && frame.text.contains("waiting for the metric list"))
        #expect(!frame.text.contains("loading…"), "nothing claims to be loading while nothing is asked")
    }

    @Test func alertsAreListedAndHighlighted() async throws {
        let rules = AlertRules(thresholds: [AlertRules.Threshold(metric: "api_calls", day: 0)], baselineFactor: nil)
        let h = try await MonitorHarness(width: 120, height: 40, rules: rules, build: ScreenHarness.demo)
        let frame = h.frame()
        Snapshot.assert(frame, named: "monitor-alerts-120x40")
        let alerts = h.state.alerts.value ?? []
        #expect(!alerts.isEmpty && alerts.allSatisfy { $0.value > 0 && $0.level == .error })
        #expect(frame.text.contains("Alerts (\(alerts.count))"))
        #expect(
            frame.text.contains("last 24 h \(DecimalText.grouped(alerts[0].value, fractionDigits: 6)) > limit 0"))
        let flagged = frame.text.split(separator: "\n").filter { $0.contains("│! ") || $0.contains(" ! ") }
        #expect(!flagged.isEmpty, "customers with alerts are marked in the board")
    }

    @Test func alertsInFullOnAWallScreen() async throws {
        let rules = AlertRules(thresholds: [AlertRules.Threshold(metric: "api_calls", day: 0)], baselineFactor: 3)
        let h = try await MonitorHarness(width: 200, height: 60, rules: rules, build: ScreenHarness.demo)
        let frame = h.frame()
        Snapshot.assert(frame, named: "monitor-alerts-200x60")
        for alert in h.state.alerts.value ?? [] {
            #expect(frame.text.contains(AlertsPanel.describe(alert)), "\(alert.customer.name): in full")
        }
    }

    /// An alert reads in its metric's unit, as the rest of the screen does: never raw seconds.
    @Test func alertsReadInTheMetricsUnit() {
        let metric = Metric(code: "compute", name: "Compute", aggregation: .sum, field: "seconds", unit: "s")
        let alert = Alert(
            customer: Customer(id: "c1", name: "Acme"), metric: metric, window: .hour,
            value: Decimal(string: "295.679")!, reference: Decimal(string: "18.27")!, cause: .baseline(factor: 3),
            level: .warning)
        #expect(AlertsPanel.describe(alert) == "last 60 min 4m 55s > 3× baseline 18.27 s/hour")
        let calls = Metric(code: "calls", name: "Calls", aggregation: .count, unit: "calls")
        let limit = Alert(
            customer: Customer(id: "c1", name: "Acme"), metric: calls, window: .day, value: 12, reference: 10,
            cause: .threshold, level: .error)
        #expect(AlertsPanel.describe(limit) == "last 24 h 12 > limit 10")
    }

    @Test func atEightyByTwentyFourTheLoudestAlertsShowOneCompactLineEachNumbersFirst() async throws {
        let rules = AlertRules(thresholds: [AlertRules.Threshold(metric: "api_calls", day: 0)], baselineFactor: 3)
        let h = try await MonitorHarness(width: 80, height: 24, rules: rules, build: ScreenHarness.demo)
        let frame = h.frame()
        Snapshot.assert(frame, named: "monitor-alerts-80x24")
        let alerts = h.state.alerts.value ?? []
        #expect(alerts.count > 1 && frame.text.contains("Alerts (\(alerts.count))"))
        let first = try #require(alerts.first)
        #expect(
            frame.text.contains(
                "+\(alerts.count - 1) more · ERROR last 24 h \(DecimalText.grouped(first.value, fractionDigits: 6)) > "
                    + "limit 0 · API calls"),
            "one line: how many more, then the loudest alert, its numbers whole")
        let narrow = AlertsPanel.lines(alerts, width: 40, height: alerts.count, theme: .standard)
        #expect(narrow.count == alerts.count, "too narrow for two lines each: one compact line each")
        #expect(narrow.allSatisfy { $0.0.hasPrefix(" ERROR last 24 h ") || $0.0.hasPrefix(" WARN  last ") })
        let short = AlertsPanel.lines(alerts, width: 40, height: 2, theme: .standard)
        #expect(short.map(\.0).last == " +\(alerts.count - 1) more" && short.count == 2)
        let one = AlertsPanel.lines(alerts, width: 80, height: 1, theme: .standard)
        #expect(one.count == 1 && one[0].0.hasPrefix("+\(alerts.count - 1) more · ERROR "))
    }

    @Test func hostileAndWideNamesLeaveTheTerminalAlone() async throws {
        let h = try await MonitorHarness(width: 120, height: 40, period: .last7Days) { store in
            try GoldenScreenTests.hostileStore(store)
        }
        let frame = h.frame()
        Snapshot.assert(frame, named: "monitor-hostile-120x40")
        #expect(
            !frame.cells.contains {
                $0.symbol.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
            })
        #expect(frame.text.contains("�]0;owned�Acme�[2J"))
        for row in 2..<8 {
            #expect(TextWidth.of(frame.line(row)) == 120, "row \(row) keeps every column")
        }
    }

    @Test(arguments: [(1, 1), (59, 14), (60, 15), (61, 16), (99, 30), (100, 30), (300, 100)])
    func anySizeDraws(width: Int, height: Int) async throws {
        var h = try await MonitorHarness(width: 80, height: 24, build: ScreenHarness.demo)
        await h.send(.resized(width: width, height: height))
        let frame = h.frame()
        #expect(frame.width == width && frame.height == height)
        if width >= 60 && height >= 15 {
            #expect(frame.line(0).contains("usagetop"))
        } else if width >= 30 && height >= 4 {
            #expect(frame.text.contains("need 60×15"))
        }
    }

    @Test func helpListsTheMonitorKeys() async throws {
        var h = try await MonitorHarness(width: 80, height: 24, build: ScreenHarness.demo)
        await h.send(.keyPressed(.character("?")))
        let text = h.frame().text
        #expect(text.contains("Keys · Monitor") && text.contains("pause/resume") && text.contains("refresh more often"))
        await h.send(.keyPressed(.escape))
        #expect(!h.frame().text.contains("Keys · Monitor"))
    }
}

/// The monitor on a wall across the top of an hour (an injected clock): its windows roll a minute at a time, so an
/// alert on the last 60 minutes stays while its usage does, and no total drops an hour's usage at 13:00.
@Suite("Monitor across an hour boundary")
struct MonitorHourBoundaryTests {
    static func date(_ text: String) -> Date { ISO8601Parser.parse(text)! }

    /// Customer c2 used 5 calls yesterday from 13:10 (inside the last 24 hours at 12:59 and at 13:01); c1 made 30
    /// calls today from 12:20 to 12:55.
    static func store(_ store: UsageStore) throws {
        let folder = URL(fileURLWithPath: store.path).deletingLastPathComponent()
        let events = folder.appendingPathComponent("e.jsonl")
        var lines: [String] = []
        for n in 0..<5 {
            lines.append(
                #"{"transaction_id": "y\#(n)", "external_customer_id": "c2", "code": "calls", "timestamp": "2026-11-21T13:\#(10 + n * 10)\#(":00Z")"}"#
            )
        }
        for n in 0..<30 {
            let minute = 20 + n
            lines.append(
                #"{"transaction_id": "t\#(n)", "external_customer_id": "c1", "code": "calls", "timestamp": "2026-11-22T12:\#(minute):00Z"}"#
            )
        }
        try lines.joined(separator: "\n").write(to: events, atomically: true, encoding: .utf8)
        _ = try Ingestor(store: store).ingest(
            eventsPath: events.path, metrics: [Metric(code: "calls", name: "Calls", aggregation: .count)],
            customers: [Customer(id: "c1", name: "Busy Co"), Customer(id: "c2", name: "Quiet Co")])
    }

    @Test func noAlertVanishesAndNoTotalDipsAtTheTopOfTheHour() async throws {
        let rules = AlertRules(thresholds: [AlertRules.Threshold(metric: "calls", hour: 10)], baselineFactor: nil)
        var h = try await MonitorHarness(
            width: 120, height: 40, rules: rules, now: Self.date("2026-11-22T12:59:30Z"), build: Self.store)
        func observed() -> (alerts: [String], total: Decimal) {
            (
                (h.state.alerts.value ?? []).map { "\($0.customer.id) \($0.window) \($0.value)" },
                (h.state.board.value?.rows ?? []).reduce(0) { $0 + $1.total }
            )
        }
        let before = observed()
        #expect(before.alerts == ["c1 hour 30"] && before.total == 35, "\(before)")
        for second in stride(from: 2.0, through: 120, by: 2) {
            await h.send(.ticked(Self.date("2026-11-22T12:59:30Z").addingTimeInterval(second)))
        }
        let after = observed()
        #expect(h.state.now == Self.date("2026-11-22T13:01:30Z"))
        #expect(after.alerts == before.alerts, "the last 60 minutes still hold the spike at 13:01")
        #expect(after.total == before.total, "yesterday's 13:00 hour is still inside the last 24 hours")
        #expect(h.frame().text.contains("last 60 min 30 > limit 10"))
    }
}
