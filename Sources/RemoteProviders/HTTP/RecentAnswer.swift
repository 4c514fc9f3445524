import Foundation
import Synchronization

/// Answers kept for a while, one per key, so that calls close together (a sync pass reads every customer's totals,
/// each labelled with the metric list) or passes repeated by `sync --every` (each customer's plans) ask the server
/// once instead of once each.
final class RecentAnswer<Value: Sendable>: Sendable {
    private let kept = Mutex<[String: (value: Value, at: Date)]>([:])
    private let lifetime: TimeInterval

    /// Keeps each answer for `lifetime` seconds.
    init(lifetime: TimeInterval) {
        self.lifetime = lifetime
    }

    /// The answer kept under `key` while it is younger than the lifetime, else `fetch`'s (then kept).
    func value(key: String = "", now: Date = Date(), _ fetch: () async throws -> Value) async throws -> Value {
        if let recent = kept.withLock({ $0[key] }), now.timeIntervalSince(recent.at) < lifetime { return recent.value }
        let fresh = try await fetch()
        kept.withLock { $0[key] = (fresh, now) }
        return fresh
    }
}
