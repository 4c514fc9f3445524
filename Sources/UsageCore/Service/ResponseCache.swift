import Foundation

/// Answers by request key with their time, plus the requests in flight, so identical calls share one fetch.
/// Owned by the `DataService` actor; not thread-safe on its own.
struct ResponseCache {
    private struct Entry {
        var value: any Sendable
        var storedAt: Date
    }

    private var entries: [String: Entry] = [:]
    private(set) var inFlight: [String: Task<any Sendable, any Error>] = [:]
    let maxEntries: Int

    init(maxEntries: Int) {
        self.maxEntries = max(0, maxEntries)
    }

    /// The value stored for `key` if it is younger than `ttl` at `now`.
    func fresh<T: Sendable>(_ key: String, ttl: Duration, now: Date) -> T? {
        guard ttl > .zero, let entry = entries[key], now.timeIntervalSince(entry.storedAt) < ttl.seconds else {
            return nil
        }
        return entry.value as? T
    }

    /// Stores a value, dropping the oldest entries past the limit.
    mutating func store(_ key: String, _ value: any Sendable, at now: Date) {
        guard maxEntries > 0 else { return }
        entries[key] = Entry(value: value, storedAt: now)
        if entries.count > maxEntries, let oldest = entries.min(by: { $0.value.storedAt < $1.value.storedAt })?.key {
            entries.removeValue(forKey: oldest)
        }
    }

    mutating func begin(_ key: String, _ task: Task<any Sendable, any Error>) { inFlight[key] = task }
    mutating func end(_ key: String) { inFlight.removeValue(forKey: key) }

    /// Forgets every stored answer (requests in flight finish and are stored as usual).
    mutating func removeAll() { entries.removeAll() }

    /// The number of stored answers.
    var count: Int { entries.count }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
