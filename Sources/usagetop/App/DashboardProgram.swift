import AppConfig
import DashboardScreens
import Foundation
import KeyInput
import Synchronization
import TermUI
import UsageCore
import UsageViewModel

/// The interactive dashboard as a terminal program: `AppState` with its reducer and `EffectRunner`.
enum DashboardProgram {
    /// What the dashboard starts with besides its data service.
    struct Setup {
        var options: RenderOptions
        var period: PeriodChoice
        var refresh: Int?
        var warnings: [String] = []
        /// A line for the status line at start (a plan that charges a metric the source lacks).
        var notice: String?
        var customer: Customer?
        /// `--customer` text that names several customers, and how many: the table opens filtered to them.
        var candidates: (text: String, count: Int)?
        /// `--compare`: the change column the customers table opens with.
        var comparison: Comparison?
        var keys: [Command: [Key]] = [:]
        /// Where themes are looked up (`--themes-dir`, the config folder); colour off means `:theme` cannot add it.
        var themeFolders: [String] = []
        var useColor = true
        /// `config.toml` profiles `:profile` can switch to, the one shown, and how to open one.
        var profiles: [String] = []
        var profile: String?
        var openProfile: @Sendable (String) async -> Result<(service: DataService, theme: String?), UsageError> = { _ in
            .failure(UsageError(.unsupported, "no profiles"))
        }
    }

    static func make(service: DataService, setup: Setup) -> ReducerProgram<AppState, Action> {
        var state = AppState(
            now: Date(), width: 80, height: 24, providerName: service.providerName, capabilities: service.capabilities,
            period: setup.period)
        if let customer = setup.customer { state.open(customer) }
        state.keyOverrides = setup.keys
        (state.themeNames, state.profileNames, state.profileName) = (
            ThemeLoader.names(in: setup.themeFolders), setup.profiles, setup.profile
        )
        if let refresh = setup.refresh { state.setRefresh(seconds: refresh) }
        if let notice = setup.notice { state.message = StatusMessage(notice, .warning) }
        if let (text, count) = setup.candidates { state.showCandidates(text, count: count) }
        if let comparison = setup.comparison { state.compareAtStart(with: comparison) }
        if let message = ThemeResolver.message(for: setup.warnings) { state.message = StatusMessage(message, .warning) }
        let output = ActionInbox<String>()
        // Themes loaded for `:theme` or a profile, by name; the state's `themeName` says which one is drawn.
        let loaded = Mutex<[String: Theme]>([:])
        let hooks = ProgramHooks(
            clipboard: { text in Clipboard.osc52(text).map(output.push) },
            applyTheme: { name in
                switch themed(name, folders: setup.themeFolders, useColor: setup.useColor) {
                case .success(let theme):
                    loaded.withLock { $0[name] = theme }
                    return nil
                case .failure(let problem): return problem
                }
            },
            openProfile: setup.openProfile)
        let runner = EffectRunner<Action>(service: service, hooks: hooks)
        return ReducerProgram(
            state: state, output: output,
            wiring: .init(
                reduce: { state, action, send in runner.run(state.reduce(action), send: send) },
                render: { state in
                    var options = setup.options
                    if let name = state.themeName, let theme = loaded.withLock({ $0[name] }) { options.theme = theme }
                    return DashboardRenderer.render(state, options: options)
                },
                isFinished: \.shouldQuit, isBusy: \.isLoading, isPrompting: \.isTyping, fullRedraws: \.fullRedraws,
                started: { .started(now: $0, width: $1, height: $2) }, keyPressed: { .keyPressed($0) },
                resized: { .resized(width: $0, height: $1) }, ticked: { .ticked($0) },
                stop: { runner.run([.quit]) { _ in } }))
    }

    /// Theme `name` from `folders` or the bundled ones; a colour theme is refused when colour is off this session.
    private static func themed(_ name: String, folders: [String], useColor: Bool) -> Result<Theme, UsageError> {
        guard !name.contains("/"), !name.hasPrefix(".") else {
            return .failure(UsageError(.invalidInput, "a theme is a name, not a path"))
        }
        guard useColor || name == "mono" else {
            return .failure(
                UsageError(
                    .unsupported,
                    "colours are off in this session (NO_COLOR or --theme mono); restart with --theme \(name)"))
        }
        switch ThemeLoader.load(name: name, from: folders) {
        case .success(let loaded): return .success(loaded.theme)
        case .failure(let issue): return .failure(UsageError(.notFound, issue.message))
        }
    }
}
