import Synchronization

/// Actions produced by effect tasks, waiting for the run loop (which owns the state) to apply them.
final class ActionInbox<Action: Sendable>: Sendable {
    private let queue = Mutex<[Action]>([])

    /// Adds an action (from any thread).
    func push(_ action: Action) {
        queue.withLock { $0.append(action) }
    }

    /// Takes every waiting action.
    func drain() -> [Action] {
        queue.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
    }
}
