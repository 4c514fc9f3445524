import Synchronization

/// Every event name a provider's answers have shown, so a metric seen once stays usable everywhere.
final class NameMemory: Sendable {
    private let seen = Mutex<Set<String>>([])

    /// The names, sorted.
    var names: [String] { seen.withLock { $0.sorted() } }

    /// Records `names`.
    func insert(_ names: [String]) { seen.withLock { $0.formUnion(names) } }
}
