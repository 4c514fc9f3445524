import Synchronization

/// Remembers what a server turned out to want or lack, per endpoint family: whether reads must be POSTed
/// (Hyperline's docs disagree on GET vs POST) and which optional endpoints it does not offer.
final class EndpointMemory: Sendable {
    private let posts = Mutex<Set<String>>([])
    private let missing = Mutex<Set<String>>([])

    /// Whether `family` answered a GET with 404/405 before.
    func usesPost(_ family: String) -> Bool { posts.withLock { $0.contains(family) } }

    /// Records that `family` takes POST.
    func rememberPost(_ family: String) { _ = posts.withLock { $0.insert(family) } }

    /// Whether `family` was found missing on this server (404/405 to both methods).
    func isMissing(_ family: String) -> Bool { missing.withLock { $0.contains(family) } }

    /// Records that the server does not offer `family`.
    func rememberMissing(_ family: String) { _ = missing.withLock { $0.insert(family) } }
}
