import Foundation

/// Keeps one provider's calls under its published rate limit (a token bucket) and its concurrency bounded.
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

    /// At most `requests` per `interval` and `maxConcurrent` at once; time is injectable for tests.
    public init(
        requests: Int, per interval: Duration, maxConcurrent: Int = 4, now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        capacity = Double(max(1, requests))
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        refillPerSecond = capacity / max(0.001, seconds)
        self.maxConcurrent = max(1, maxConcurrent)
        tokens = capacity
        self.now = now
        self.sleep = sleep
        lastRefill = now()
    }

    /// Hyperline: 200 GET per 10 s, kept at 180 for headroom.
    public static func hyperline() -> RequestThrottle { RequestThrottle(requests: 180, per: .seconds(10)) }
    /// Prolifi: 1,000 per minute per key, kept at 900.
    public static func prolifi() -> RequestThrottle { RequestThrottle(requests: 900, per: .seconds(60)) }
    /// Lago publishes its limit in headers (handled on 429); only concurrency is bounded, at eight calls at once
    /// (self-hosted servers publish no limit, and Lago Cloud answers 429 with a reset time when it is reached).
    public static func lago() -> RequestThrottle { RequestThrottle(requests: 1_000_000, per: .seconds(1), maxConcurrent: 8) }

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
