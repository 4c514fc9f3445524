import Foundation

/// Keeps one provider's calls under its published rate limit (a token bucket) and its concurrency bounded; a
/// provider's `RateBudget` makes its throttle.
public actor RequestThrottle {
    private let capacity: Double
    private let refillPerSecond: Double
    /// How many calls may run at once.
    public nonisolated let maxConcurrent: Int
    private var tokens: Double
    private var lastRefill: Date
    private var running = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private let now: @Sendable () -> Date
    private let sleep: @Sendable (Duration) async throws -> Void

    /// `requests` per `interval` on average, at most `burst` at once after a quiet spell (default: `requests`), and
    /// `maxConcurrent` in flight; time is injectable for tests. Over any window of length `interval` the bucket lets
    /// through at most `burst + requests`: keep that under the provider's published limit.
    public init(
        requests: Int, per interval: Duration, burst: Int? = nil, maxConcurrent: Int = 4,
        now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        capacity = Double(max(1, burst ?? requests))
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        refillPerSecond = Double(max(1, requests)) / max(0.001, seconds)
        self.maxConcurrent = max(1, maxConcurrent)
        tokens = capacity
        self.now = now
        self.sleep = sleep
        lastRefill = now()
    }

    /// Waits for a concurrency slot and a rate token. Pair with `release()`.
    public func acquire() async throws {
        if running >= maxConcurrent {
            await withCheckedContinuation { waiters.append($0) }
        } else {
            running += 1
        }
        while true {
            refill()
            if tokens >= 1 {
                tokens -= 1
                return
            }
            let wait = (1 - tokens) / refillPerSecond
            do {
                try await sleep(.milliseconds(Int64((wait * 1000).rounded(.up))))
            } catch {
                release()
                throw error
            }
        }
    }

    /// Frees the slot taken by `acquire()`.
    public func release() {
        if waiters.isEmpty {
            running -= 1
        } else {
            waiters.removeFirst().resume()
        }
    }

    private func refill() {
        let current = now()
        tokens = min(capacity, tokens + current.timeIntervalSince(lastRefill) * refillPerSecond)
        lastRefill = current
    }
}
