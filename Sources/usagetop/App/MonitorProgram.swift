import DashboardScreens
import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// The wall monitor as a terminal program: `MonitorState` with its reducer and the effect runner.
enum MonitorProgram {
    static func make(service: DataService, options: RenderOptions, state: MonitorState, warnings: [String])
        -> ReducerProgram<MonitorState, MonitorAction>
    {
        var state = state
        if let message = ThemeResolver.message(for: warnings) { state.message = StatusMessage(message, .warning) }
        let runner = EffectRunner<MonitorAction>(service: service)
        return ReducerProgram(
            state: state,
            wiring: .init(
                reduce: { state, action, send in runner.run(state.reduce(action), send: send) },
                render: { MonitorRenderer.render($0, options: options) },
                isFinished: \.shouldQuit, isBusy: \.isLoading, fullRedraws: \.fullRedraws,
                started: { .started(now: $0, width: $1, height: $2) }, keyPressed: { .keyPressed($0) },
                resized: { .resized(width: $0, height: $1) }, ticked: { .ticked($0) },
                stop: { runner.run([.quit]) { _ in } }))
    }
}
