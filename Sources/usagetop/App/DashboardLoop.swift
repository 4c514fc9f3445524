import DashboardScreens
import Foundation
import NcursesBackend
import TermUI
import UsageCore
import UsageViewModel

/// The interactive run loop: read input → reduce → run effects → render → draw a diff.
/// Blocks in the terminal read between ticks, so an idle dashboard costs next to nothing.
final class DashboardLoop {
    private var state: AppState
    private let options: RenderOptions
    private let runner: EffectRunner
    private let inbox = ActionInbox()

    init(service: DataService, options: RenderOptions, period: PeriodPreset, refresh: Int?, warnings: [String]) {
        state = AppState(
            now: Date(), width: 80, height: 24, providerName: service.providerName, capabilities: service.capabilities,
            period: period)
        if let refresh { state.setRefresh(seconds: refresh) }
        if let first = warnings.first {
            state.message = ("theme: " + first + (warnings.count > 1 ? " (+\(warnings.count - 1) more)" : ""), .warning)
        }
        self.options = options
        runner = EffectRunner(service: service)
    }

    /// Runs until the user quits or a stop signal arrives; the terminal is restored on every path.
    func run(terminal: NcursesTerminal) {
        defer { terminal.restore() }
        let (width, height) = terminal.size
        dispatch(.started(now: Date(), width: width, height: height))
        var lastTick = Date()
        var dirty = true
        while !state.shouldQuit && StopSignal.received == 0 {
            if dirty { terminal.draw(DashboardRenderer.render(state, options: options)) }
            dirty = false
            if let event = terminal.readKey(timeoutMs: state.isLoading ? 60 : 1_000) {
                dispatch(KeyTranslation.action(for: event))
                dirty = true
            }
            for action in inbox.drain() {
                dispatch(action)
                dirty = true
            }
            let now = Date()
            if now.timeIntervalSince(lastTick) >= (state.isLoading ? 0.08 : 1) {
                lastTick = now
                dispatch(.ticked(now))
                dirty = true
            }
        }
        runner.run(.quit) { _ in }
    }

    private func dispatch(_ action: Action) {
        let inbox = self.inbox
        runner.run(state.reduce(action)) { inbox.push($0) }
    }
}
