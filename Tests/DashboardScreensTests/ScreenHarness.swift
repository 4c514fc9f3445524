import DashboardScreens
import Foundation
import HTTPTestSupport
import KeyInput
import LocalStore
import TermUI
import UsageCore
import UsageViewModel

/// Drives the real reducer and effect runner against a real store with a fixed clock, then renders frames.
struct ScreenHarness {
    static let now = ISO8601Parser.parse("2026-11-22T12:00:00Z")!
    var state: AppState
    let runner: EffectRunner<Action>

    /// A harness over a store built by `build`, priced by `plans` (with `keptPlan`, as the program prices: else by
    /// the plan the store keeps), started at `width`×`height`.
    init(
        width: Int, height: Int, now: Date = Self.now, plans: PlanBook = PlanBook(), keptPlan: Bool = false,
        build: (UsageStore) async throws -> Void
    ) async throws {
        let folder = ProcessScratch.root.appendingPathComponent("screens-\(UUID().uuidString)")
        let store = try UsageStore(path: folder.appendingPathComponent("usage.sqlite").path)
        try await build(store)
        let provider = LocalProvider(store: store)
        runner = EffectRunner<Action>(
            service: DataService(provider: provider, plans: keptPlan ? await plans.orKept(by: provider) : plans))
        state = AppState(now: now, width: width, height: height, providerName: "local", capabilities: .all)
        await send(.started(now: now, width: width, height: height))
    }

    /// The standard small demo store.
    static func demo(_ store: UsageStore) throws {
        try DemoGenerator(options: DemoOptions(customers: 14, days: 45, eventsPerDay: 8, seed: 5), now: now).generate(
            into: store)
    }

    /// Applies an action and every action its effects lead to, until the state settles.
    mutating func send(_ action: Action) async {
        var queue = [action]
        while !queue.isEmpty {
            for effect in state.reduce(queue.removeFirst()) {
                guard let next = await runner.perform(effect) else { continue }
                if case .answered(nil, .source(.success(let info))) = next {
                    queue.append(
                        .answered(
                            nil,
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

    /// Presses keys in order.
    mutating func press(_ keys: Key...) async {
        for key in keys { await send(.keyPressed(key)) }
    }

    /// Types text.
    mutating func type(_ text: String) async {
        for c in text { await send(.keyPressed(.character(c))) }
    }

    /// The current frame.
    func frame(_ options: RenderOptions = RenderOptions()) -> Buffer {
        DashboardRenderer.render(state, options: options)
    }
}
