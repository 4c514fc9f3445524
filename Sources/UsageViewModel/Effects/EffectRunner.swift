import Foundation
import Synchronization
import UsageCore

/// Performs effects against the data service and reports each outcome to the feature as an action: the one runner
/// of the dashboard and the monitor, and the only part of the view-model layer that does I/O.
public final class EffectRunner<Action: Answering>: Sendable {
    /// The data service; another profile's replaces it (`:profile`).
    private let current: Mutex<DataService>
    private let tasks = TaskTable()
    private let hooks: ProgramHooks
    private let memo = RankMemo()

    /// Creates a runner over `service`; `hooks` copy to the clipboard, switch themes and open profiles.
    public init(service: DataService, hooks: ProgramHooks = ProgramHooks()) {
        current = Mutex(service)
        self.hooks = hooks
    }

    private var service: DataService { current.withLock { $0 } }

    /// How many effect tasks are still running (zero once every answer has been sent).
    public var runningCount: Int { tasks.count }

    /// Waits until every effect task has ended (for tests: no polling, however busy the machine).
    public func waitUntilIdle() async { await tasks.waitForAll() }

    /// Starts a batch of effects in order; a leading `invalidateCache` or `revalidateCache` completes before the others
    /// start, and then stands for the check each load otherwise makes that the store has not changed under its
    /// kept answers. `send` receives the resulting actions (from any thread).
    public func run(_ effects: [Effect], send: @escaping @Sendable (Action) -> Void) {
        guard let first = effects.first, first == .invalidateCache || first == .revalidateCache else {
            effects.forEach { start($0, checked: false, send: send) }
            return
        }
        let rest = Array(effects.dropFirst())
        Task.detached { [service] in
            await service.refreshCache(forgetAll: first == .invalidateCache)
            rest.forEach { self.start($0, checked: true, send: send) }
        }
    }

    /// Performs one effect and returns its action (for headless use, and tests that drive the clock themselves).
    public func perform(_ effect: Effect) async -> Action? {
        guard case .load(let id, let request) = effect else { return nil }
        let service = self.service
        await service.revalidate(forgettingUntokened: false)
        return Action.answered(id, await answer(request, service: service, memo: memo))
    }

    private func start(_ effect: Effect, checked: Bool, send: @escaping @Sendable (Action) -> Void) {
        switch effect {
        case .quit:
            tasks.cancelAll()
        case .cancel(let id):
            tasks.cancel(id)
        case .copy(let text):
            hooks.clipboard(text)
        case .applyTheme(let name):
            send(.answered(nil, .themeApplied(name, hooks.applyTheme(name))))
        case .openProfile(let name):
            Task.detached { [self] in send(.answered(nil, await open(profile: name, send: send))) }
        case .write(let export):
            // A blocking write: on a thread of its own, never on the cooperative pool.
            Thread {
                let written = Result { () throws(UsageError) in try ExportWriter.write(export) }
                send(.answered(nil, .fileWritten(written, summary: export.summary)))
            }
            .start()
        case .invalidateCache, .revalidateCache:
            Task.detached { [service] in await service.refreshCache(forgetAll: effect == .invalidateCache) }
        case .load(let id, let request):
            tasks.start(id) { [service, memo] in
                let progress: SummaryProgressHandler = { report in
                    if !Task.isCancelled { send(.answered(id, .customersArriving(report))) }
                }
                // Answers kept until the store changes must not outlive a change made by another process.
                if !checked { await service.revalidate(forgettingUntokened: false) }
                var answer = await self.answer(request, service: service, memo: memo, progress: progress)
                // Work another caller's leaving cut short, while this one still waits: asked again (twice at most).
                for _ in 0..<2 where answer.isGivenUp && !Task.isCancelled {
                    answer = await self.answer(request, service: service, memo: memo, progress: progress)
                }
                if !Task.isCancelled, !answer.isGivenUp { send(.answered(id, answer)) }
            }
        }
    }

    /// Puts another profile's data service in place (cancelling the old one's work) and applies its theme.
    private func open(profile name: String, send: @escaping @Sendable (Action) -> Void) async -> Answer {
        let opened = await hooks.openProfile(name)
        if case .success(let profile) = opened {
            tasks.cancelAll()
            current.withLock { $0 = profile.service }
            if let theme = profile.theme, hooks.applyTheme(theme) == nil {
                send(.answered(nil, .themeApplied(theme, nil)))
            }
        }
        return .profileOpened(
            name,
            opened.map { ProfileInfo(providerName: $0.service.providerName, capabilities: $0.service.capabilities) })
    }
}

extension DataService {
    /// Forgets every reusable answer (`r`), or only those whose change token moved (a scheduled refresh).
    func refreshCache(forgetAll: Bool) async {
        if forgetAll {
            await invalidate()
        } else {
            await revalidate(forgettingUntokened: true)
        }
    }
}

extension Result where Failure == UsageError {
    /// Captures the outcome of an async throwing call.
    init(catching body: () async throws(UsageError) -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
