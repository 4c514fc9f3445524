import DashboardScreens
import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// The interactive dashboard as a terminal program: `AppState` with its reducer and `EffectRunner`.
enum DashboardProgram {
    static func make(service: DataService, options: RenderOptions, period: PeriodChoice, refresh: Int?,
                     warnings: [String], customer: Customer? = nil, keys: [Command: [Key]] = [:])
        -> ReducerProgram<AppState, Action>
    {
        var state = AppState(
            now: Date(), width: 80, height: 24, providerName: service.providerName, capabilities: service.capabilities,
            period: period)
        if let customer { state.open(customer) }
        state.keyOverrides = keys
        if let refresh { state.setRefresh(seconds: refresh) }
        if let message = ThemeResolver.message(for: warnings) { state.message = (message, .warning) }
        let output = ActionInbox<String>()
        let runner = EffectRunner(service: service) { text in Clipboard.osc52(text).map(output.push) }
        return ReducerProgram(state: state, output: output, wiring: .init(
            reduce: { state, action, send in runner.run(state.reduce(action), send: send) },
            render: { DashboardRenderer.render($0, options: options) },
            isFinished: \.shouldQuit, isBusy: \.isLoading,
            started: { .started(now: $0, width: $1, height: $2) }, keyPressed: { .keyPressed($0) },
            resized: { .resized(width: $0, height: $1) }, ticked: { .ticked($0) },
            stop: { runner.run(.quit) { _ in } }))
    }
}
