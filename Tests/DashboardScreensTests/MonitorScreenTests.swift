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
        #expect(frame.text.contains("  █ ███   ███ ███"), "12:00 in big digits")
        let total = try #require(h.state.series["api_calls"]?.value?.total)
        #expect(frame.text.contains("API calls · all customers · last 24 hours"))
        #expect(total > 0 && frame.text.contains("Top customers"), "the board still shows under the big digits")
        await h.send(.keyPressed(.character("B")))
        #expect(!h.frame().text.contains("  █ ███   ███ ███"))
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
        #expect(frame.text.contains("today \(DecimalText.grouped(alerts[0].value, fractionDigits: 6)) > limit 0"))
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
                " ERROR today \(DecimalText.grouped(first.value, fractionDigits: 6)) > limit 0 · API calls"),
            "the loudest alert, its numbers whole")
        let narrow = AlertsPanel.lines(alerts, width: 40, height: alerts.count, theme: .standard)
        #expect(narrow.count == alerts.count, "too narrow for two lines each: one compact line each")
        #expect(narrow.allSatisfy { $0.0.hasPrefix(" ERROR today ") || $0.0.hasPrefix(" WARN  today ") })
        let short = AlertsPanel.lines(alerts, width: 40, height: 2, theme: .standard)
        #expect(short.map(\.0).last == " +\(alerts.count - 1) more" && short.count == 2)
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
