import Foundation
import Synchronization

/// An answer kept for a short while, so that calls close together (a sync pass reads every customer's totals, each
/// labelled with the metric list) ask the server once instead of once each.
final class RecentAnswer<Value: Sendable>: Sendable {
    private let kept = Mutex<(value: Value, at: Date)?>(nil)
    private let lifetime: TimeInterval

    /// Keeps an answer for `lifetime` seconds.
    init(lifetime: TimeInterval) {
        self.lifetime = lifetime
    }

    /// The kept answer while it is younger than the lifetime, else `fetch`'s (then kept).
    func value(now: Date = Date(), _ fetch: () async throws -> Value) async throws -> Value {
        if let recent = kept.withLock({ $0 }), now.timeIntervalSince(recent.at) < lifetime { return recent.value }
        let fresh = try await fetch()
        kept.withLock { $0 = (fresh, now) }
        return fresh
    }
}
