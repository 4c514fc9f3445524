import Foundation
import Testing
import UsageCore
@testable import UsageViewModel

@Suite("Monitor reducer")
struct MonitorReducerTests {
    let now = Fixtures.now
    let failure = UsageError(.unavailable, "hyperline: cannot connect to 127.0.0.1:9 (connection refused)")

    func started(refresh: Int = 2, cycle: Int? = nil, capabilities: ProviderCapabilities = .all) -> (
        MonitorState, [Effect]
    ) {
        var state = MonitorState(
            now: now, width: 120, height: 40, providerName: "local", capabilities: capabilities,
            refreshSeconds: refresh, cycleSeconds: cycle)
        let effects = state.reduce(.started(now: now, width: 120, height: 40))
        return (state, effects)
    }

    /// Answers every load in `effects` successfully and returns the effects those answers lead to.
    func answer(_ state: inout MonitorState, _ effects: [Effect]) -> [Effect] {
        var next: [Effect] = []
        for effect in effects {
            switch effect {
            case .load(let id, .source):
                next += state.reduce(.answered(id, .source(.success(SourceInfo(label: "local", isDemoData: false)))))
            case .load(let id, .metrics): next += state.reduce(.answered(id, .metrics(.success(Fixtures.metrics))))
            case .load(let id, .board(let metric, let period, _, _)):
                let board = Leaderboard.rank(
                    current: Fixtures.summaries(5), previous: nil, metric: metric, period: period)
                next += state.reduce(.answered(id, .board(metricCode: metric.code, .success(board))))
            case .load(let id, .timeseries(let metric, nil, _, let bucket)):
                let series = TimeSeries(metricCode: metric.code, bucket: bucket, points: [], total: 7)
                next += state.reduce(.answered(id, .timeseries(metricCode: metric.code, .success(series))))
            case .load(let id, .activity): next += state.reduce(.answered(id, .activity(.success([]))))
            default: break
            }
        }
        return next
    }

    func settle(_ state: inout MonitorState, _ effects: [Effect]) {
        var pending = effects
        while !pending.isEmpty { pending = answer(&state, pending) }
    }

    @Test("Start asks for source and metrics; the metric list brings one board, a series per metric and activity")
    func startLoadsEveryPanel() {
        var (state, effects) = started()
        #expect(effects.count == 2 && state.isLoading)
        let panels = answer(&state, effects)
        #expect(panels.count == 1 + Fixtures.metrics.count + 1)
        guard case .load(_, .board(let metric, let period, let previous, _)) = panels.first else {
            Issue.record("expected the board first")
            return
        }
        // The last 24 hours roll a minute at a time: no hour of usage drops out at the top of an hour.
        let rolling = Period(start: now.addingTimeInterval(-86_400 + 60), end: now.addingTimeInterval(60))
        #expect(metric.code == "calls" && period == rolling)
        #expect(previous == Period(start: rolling.start.addingTimeInterval(-86_400), end: rolling.start))
        settle(&state, panels)
        #expect(!state.isLoading && state.failure == nil)
        #expect(state.board.value?.rows.count == 4, "customers with zero usage are not ranked")
        #expect(state.series.count == 2 && state.alerts.value == [])
    }

    @Test(
        "A failing refresh keeps the old numbers, ages them into stale after three intervals, and a success clears it")
    func failureThenRecovery() {
        var (state, effects) = started()
        settle(&state, effects)
        var t = now
        for _ in 0..<4 {
            t = t.addingTimeInterval(2)
            let refresh = state.reduce(.ticked(t))
            #expect(refresh.first == .revalidateCache)
            for effect in refresh {
                if case .load(let id, .metrics) = effect {
                    _ = state.reduce(.answered(id, .metrics(.failure(failure))))
                }
                if case .load(let id, .source) = effect { _ = state.reduce(.answered(id, .source(.failure(failure)))) }
            }
        }
        #expect(state.board.value != nil, "old data stays")
        #expect(state.failure?.text == failure.message && state.failure?.since == now.addingTimeInterval(2))
        #expect(state.failure?.panels == 2)
        #expect(state.board.isStale(now: state.now, refreshSeconds: 2), "8 s old at a 2 s interval")
        #expect(state.retryText == "next try in 2s")
        t = t.addingTimeInterval(2)
        settle(&state, state.reduce(.ticked(t)))
        #expect(state.failure == nil && !state.board.isStale(now: state.now, refreshSeconds: 2))
        #expect(state.board.loadedAt == t)
    }

    @Test("No new round starts while the last one is still out; answers to old requests are dropped")
    func slowRoundsDoNotPileUp() {
        var (state, effects) = started()
        #expect(state.reduce(.ticked(now.addingTimeInterval(2))).isEmpty, "metrics still loading")
        #expect(state.reduce(.ticked(now.addingTimeInterval(4))).isEmpty)
        let panels = answer(&state, effects)
        settle(&state, panels)
        let stale = state.reduce(.answered(RequestID(1), .board(metricCode: "calls", .failure(failure))))
        #expect(stale.isEmpty && state.board.error == nil)
        #expect(state.reduce(.ticked(now.addingTimeInterval(6))).first == .revalidateCache)
    }

    @Test("Cycling moves to the next metric on time and loads its board; m resets the timer; pause stops both")
    func cyclingAndPause() {
        var (state, effects) = started(refresh: 30, cycle: 10)
        settle(&state, effects)
        let cycled = state.reduce(.ticked(now.addingTimeInterval(10)))
        #expect(state.metric?.code == "gb")
        guard case .load(_, .board(let metric, _, _, _))? = cycled.first else {
            Issue.record("expected a board load")
            return
        }
        #expect(metric.code == "gb")
        settle(&state, cycled)
        settle(&state, state.reduce(.keyPressed(.character("m"))))
        #expect(state.metric?.code == "calls" && state.nextCycleAt == now.addingTimeInterval(20))
        _ = state.reduce(.keyPressed(.character(" ")))
        #expect(state.paused)
        #expect(state.reduce(.ticked(now.addingTimeInterval(60))).isEmpty && state.metric?.code == "calls")
        #expect(state.retryText == "refresh paused")
        let resumed = state.reduce(.keyPressed(.character(" ")))
        #expect(resumed.first == .revalidateCache && !state.paused)
    }

    @Test("+ and − step the interval; the period key clears per-period panels and reloads")
    func keys() {
        var (state, effects) = started(refresh: 2)
        settle(&state, effects)
        _ = state.reduce(.keyPressed(.character("+")))
        #expect(state.refreshSeconds == 1)
        _ = state.reduce(.keyPressed(.character("+")))
        #expect(state.refreshSeconds == 1, "never below 1 s")
        _ = state.reduce(.keyPressed(.character("-")))
        _ = state.reduce(.keyPressed(.character("-")))
        #expect(state.refreshSeconds == 5)
        let reload = state.reduce(.keyPressed(.character("p")))
        #expect(
            state.period == .preset(.thisWeek) && state.boards.isEmpty && state.series.isEmpty && reload.count == 2)
        #expect(state.reduce(.keyPressed(.character("q"))) == [.quit] && state.shouldQuit)
    }

    @Test("Without period totals or client-wide series, only the board loads, with no comparison")
    func limitedProvider() {
        var (state, effects) = started(capabilities: [])
        let panels = answer(&state, effects)
        #expect(panels.count == 1)
        guard case .load(_, .board(_, _, let previous, _))? = panels.first else {
            Issue.record("expected a board load")
            return
        }
        #expect(previous == nil)
    }

    @Test("A provider of whole days (Prolifi) gets a compared board but no alerts, which need the current hour")
    func wholeDaysProvider() {
        var (state, effects) = started(capabilities: [.periodTotals])
        let panels = answer(&state, effects)
        #expect(!panels.contains { if case .load(_, .activity) = $0 { true } else { false } })
        guard case .load(_, .board(_, _, let previous, _))? = panels.first else {
            Issue.record("expected a board load")
            return
        }
        #expect(previous != nil, "a day-aligned period can still be compared; the board drops it for widened ones")
    }

    @Test("Remote providers check the metric on screen and the metrics with limits; local checks all")
    func alertMetrics() {
        var state = MonitorState(
            now: now, width: 80, height: 24, providerName: "hyperline", capabilities: .all,
            refreshSeconds: 30, rules: AlertRules(thresholds: [.init(metric: "gb", day: 5)]),
            scansAllMetrics: false)
        settle(&state, state.reduce(.started(now: now, width: 80, height: 24)))
        #expect(state.alertMetrics.map(\.code) == ["calls", "gb"])
        state.rules = AlertRules()
        #expect(state.alertMetrics.map(\.code) == ["calls"])
    }

    @Test("A metric a store keeps only as a provider's billed totals is never checked for alerts")
    func billedMetricsAreNotWatched() {
        var state = MonitorState(
            now: now, width: 80, height: 24, providerName: "local", capabilities: .all, refreshSeconds: 2,
            rules: AlertRules(), scansAllMetrics: true)
        var billed = Fixtures.metrics
        billed[1].billedBy = "lago"
        for effect in state.reduce(.started(now: now, width: 80, height: 24)) {
            if case .load(let id, .metrics) = effect { _ = state.reduce(.answered(id, .metrics(.success(billed)))) }
        }
        #expect(state.metrics.count == Fixtures.metrics.count)
        #expect(state.alertMetrics.map(\.code) == Fixtures.metrics.map(\.code).filter { $0 != billed[1].code })
    }
}

@Suite("Monitor reducer: whole states")
struct MonitorWholeStateTests {
    @Test func plusAndMinusChangeTheIntervalAndSayIt() {
        let tests = MonitorReducerTests()
        var (state, effects) = tests.started(refresh: 2)
        tests.settle(&state, effects)
        expectChange(&state, .keyPressed(.character("+"))) { state in
            state.refreshSeconds = 1
            state.nextRefreshAt = state.now.addingTimeInterval(1)
            state.message = StatusMessage("refresh every 1s", .info)
        }
        expectChange(&state, .keyPressed(.character("-"))) { state in
            state.refreshSeconds = 2
            state.nextRefreshAt = state.now.addingTimeInterval(2)
            state.message = StatusMessage("refresh every 2s", .info)
        }
    }

    @Test func aDueTickStartsARoundWithTheSourceAndTheMetricList() {
        let tests = MonitorReducerTests()
        var (state, effects) = tests.started(refresh: 2)
        tests.settle(&state, effects)
        let due = tests.now.addingTimeInterval(2)
        let round = expectChange(&state, .ticked(due)) { state in
            state.now = due
            state.nextRefreshAt = due.addingTimeInterval(2)
            state.source.begin(state.requests.issue())
            state.catalog.begin(state.requests.issue())
        }
        #expect(round.first == .revalidateCache && round.count == 3)
    }

    @Test func aFailedMetricListKeepsEveryPanelAndAStaleAnswerChangesNothing() throws {
        let tests = MonitorReducerTests()
        var (state, effects) = tests.started(refresh: 2)
        tests.settle(&state, effects)
        let due = tests.now.addingTimeInterval(2)
        let round = state.reduce(.ticked(due))
        let asked = round.compactMap { if case .load(let id?, .metrics) = $0 { id } else { nil } }
        let metricsID = try #require(asked.first)
        expectChange(&state, .answered(metricsID, .metrics(.failure(tests.failure)))) { state in
            state.catalog.land(metricsID, .failure(tests.failure), now: due)
        }
        #expect(state.catalog.value == Fixtures.metrics && state.catalog.failingSince == due)
        expectChange(&state, .answered(metricsID, .metrics(.success([]))))
        expectChange(&state, .answered(RequestID(1), .board(metricCode: "calls", .failure(tests.failure))))
    }

    @Test func cyclingMovesToTheNextMetricAndLoadsOnlyItsBoard() {
        let tests = MonitorReducerTests()
        var (state, effects) = tests.started(refresh: 30, cycle: 10)
        tests.settle(&state, effects)
        let due = tests.now.addingTimeInterval(10)
        let cycled = expectChange(&state, .ticked(due)) { state in
            state.now = due
            state.metricIndex = 1
            state.nextCycleAt = due.addingTimeInterval(10)
            state.boards["gb", default: Loadable()].begin(state.requests.issue())
        }
        #expect(cycled.count == 1)
    }

    @Test func pauseStopsTheClockAndResumingRefreshesAtOnce() {
        let tests = MonitorReducerTests()
        var (state, effects) = tests.started(refresh: 30)
        tests.settle(&state, effects)
        expectChange(&state, .keyPressed(.character(" "))) { state in
            state.paused = true
            state.message = StatusMessage("refresh paused", .info)
        }
        let later = tests.now.addingTimeInterval(60)
        expectChange(&state, .ticked(later)) { $0.now = later }
        let resumed = expectChange(&state, .keyPressed(.character(" "))) { state in
            state.paused = false
            state.message = StatusMessage("refresh resumed", .info)
            state.nextRefreshAt = later.addingTimeInterval(30)
            state.source.begin(state.requests.issue())
            state.catalog.begin(state.requests.issue())
        }
        #expect(resumed.first == .revalidateCache)
    }

    @Test func thePeriodKeyDropsPerPeriodPanelsAndReloads() {
        let tests = MonitorReducerTests()
        var (state, effects) = tests.started(refresh: 2)
        tests.settle(&state, effects)
        let reload = expectChange(&state, .keyPressed(.character("p"))) { state in
            state.period = .preset(.thisWeek)
            state.boards = [:]
            state.series = [:]
            state.message = StatusMessage("period: \(state.period.label)", .info)
            state.source.begin(state.requests.issue())
            state.catalog.begin(state.requests.issue())
        }
        #expect(reload.count == 2)
    }
}
