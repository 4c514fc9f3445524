import DashboardScreens
import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// The interactive dashboard as a terminal program: `AppState` with its reducer and effect runner.
final class DashboardProgram: TerminalProgram {
    private var state: AppState
    private let options: RenderOptions
    private let runner: EffectRunner
    private let inbox = ActionInbox<Action>()

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

    var isFinished: Bool { state.shouldQuit }
    var isBusy: Bool { state.isLoading }

    func start(now: Date, width: Int, height: Int) { dispatch(.started(now: now, width: width, height: height)) }

    func handle(_ event: KeyEvent) {
        if case .resize(let width, let height) = event { return dispatch(.resized(width: width, height: height)) }
        if let key = KeyTranslation.key(for: event) { dispatch(.keyPressed(key)) }
    }

    func tick(_ now: Date) { dispatch(.ticked(now)) }

    func applyArrivals() -> Bool {
        let arrived = inbox.drain()
        arrived.forEach(dispatch)
        return !arrived.isEmpty
    }

    func frame() -> Buffer { DashboardRenderer.render(state, options: options) }

    func stop() { runner.run(.quit) { _ in } }

    private func dispatch(_ action: Action) {
        let inbox = self.inbox
        runner.run(state.reduce(action)) { inbox.push($0) }
    }
}
