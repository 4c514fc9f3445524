import Synchronization

/// Counts the requests a test server answered (shared by its handler and the test).
final class CallCounter: Sendable {
    private let count = Mutex(0)

    /// Counts one more.
    func add() {
        count.withLock { $0 += 1 }
    }

    /// How many so far.
    var value: Int { count.withLock { $0 } }
}
