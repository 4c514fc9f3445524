import NcursesBackend
import Synchronization

/// Actions produced by effect tasks, waiting for the run loop (which owns the state) to apply them. Each push wakes
/// the loop's wait, so an answer is drawn when it arrives rather than at the next poll.
final class ActionInbox<Action: Sendable>: Sendable {
    private let queue = Mutex<[Action]>([])

    /// Adds an action (from any thread) and wakes the run loop.
    func push(_ action: Action) {
        queue.withLock { $0.append(action) }
        NcursesTerminal.wake()
    }

    /// Takes every waiting action.
    func drain() -> [Action] {
        queue.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
    }
}
