import Synchronization

/// The number of HTTP exchanges an `APIClient` (and its copies) started: every try counts, as the provider's rate
/// limit counts it.
final class CallCounter: Sendable {
    private let count = Atomic<Int>(0)

    /// Counts one exchange.
    func add() {
        count.add(1, ordering: .relaxed)
    }

    /// The exchanges counted so far.
    var value: Int { count.load(ordering: .relaxed) }
}
