import DashboardScreens
import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// The wall monitor as a terminal program: `MonitorState` with its reducer and effect runner.
final class MonitorProgram: TerminalProgram {
    private var state: MonitorState
    private let options: RenderOptions
    private let runner: MonitorEffectRunner
    private let inbox = ActionInbox<MonitorAction>()

    init(service: DataService, options: RenderOptions, state: MonitorState, warnings: [String]) {
        self.state = state
        if let first = warnings.first {
            self.state.message = ("theme: " + first + (warnings.count > 1 ? " (+\(warnings.count - 1) more)" : ""), .warning)
        }
        self.options = options
        runner = MonitorEffectRunner(service: service)
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

    func frame() -> Buffer { MonitorRenderer.render(state, options: options) }

    func stop() { runner.run([.quit]) { _ in } }

    private func dispatch(_ action: MonitorAction) {
        let inbox = self.inbox
        runner.run(state.reduce(action)) { inbox.push($0) }
    }
}
