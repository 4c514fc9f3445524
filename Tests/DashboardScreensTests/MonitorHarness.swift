import DashboardScreens
import Foundation
import HTTPTestSupport
import LocalStore
import TermUI
import UsageCore
import UsageViewModel

/// Drives the real monitor reducer and effect runner against a real store with a fixed clock, then renders.
struct MonitorHarness {
    var state: MonitorState
    let runner: EffectRunner<MonitorAction>

    /// A monitor over a store built by `build`, started and settled at `width`×`height`.
    init(
        width: Int, height: Int, period: PeriodPreset = .last24Hours, rules: AlertRules = AlertRules(),
        now: Date = ScreenHarness.now, build: (UsageStore) throws -> Void
    ) async throws {
        let folder = ProcessScratch.root.appendingPathComponent("monitor-\(UUID().uuidString)")
        let store = try UsageStore(path: folder.appendingPathComponent("usage.sqlite").path)
        try build(store)
        runner = EffectRunner<MonitorAction>(service: DataService(provider: LocalProvider(store: store)))
        state = MonitorState(
            now: now, width: width, height: height, providerName: "local",
            capabilities: .all, period: .preset(period), refreshSeconds: 2, rules: rules)
        await send(.started(now: now, width: width, height: height))
    }

    /// Applies an action and every action its effects lead to, until the state settles.
    mutating func send(_ action: MonitorAction) async {
        var queue = [action]
        while !queue.isEmpty {
            for effect in state.reduce(queue.removeFirst()) {
                guard let next = await runner.perform(effect) else { continue }
                if case .answered(let id, .source(.success(let info))) = next {
                    queue.append(
                        .answered(
                            id,
                            .source(
                                .success(
                                    SourceInfo(
                                        label: "local ~/.local/share/usagetop/usage.sqlite",
                                        isDemoData: info.isDemoData)))))
                } else {
                    queue.append(next)
                }
            }
        }
    }

    /// The current frame.
    func frame(_ options: RenderOptions = RenderOptions()) -> Buffer {
        MonitorRenderer.render(state, options: options)
    }
}
