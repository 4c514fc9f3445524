import Synchronization

/// Remembers, per endpoint family, whether reads must be POSTed (Hyperline's docs disagree on GET vs POST).
final class MethodMemory: Sendable {
    private let posts = Mutex<Set<String>>([])

    /// Whether `family` answered a GET with 404/405 before.
    func usesPost(_ family: String) -> Bool { posts.withLock { $0.contains(family) } }

    /// Records that `family` takes POST.
    func rememberPost(_ family: String) { _ = posts.withLock { $0.insert(family) } }
}
