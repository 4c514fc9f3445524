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

    /// Hyperline publishes 200 GET per 10 s: 170 per 10 s with bursts of 20 never pass 190 in any 10 s. `share`
    /// (0 to 1) takes that part of the budget, leaving the rest to other programs on the same key.
    public static func hyperline(
        share: Double = 1,
        now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) -> RequestThrottle {
        RequestThrottle(requests: part(170, share), per: .seconds(10), burst: part(20, share), now: now, sleep: sleep)
    }

    /// Prolifi publishes 1,000 per minute per key: 900 per minute with bursts of 50 never pass 950 in any minute.
    /// `share` as for `hyperline`.
    public static func prolifi(
        share: Double = 1,
        now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) -> RequestThrottle {
        RequestThrottle(requests: part(900, share), per: .seconds(60), burst: part(50, share), now: now, sleep: sleep)
    }

    /// `share` of `count`, at least one.
    private static func part(_ count: Int, _ share: Double) -> Int { max(1, Int((Double(count) * min(1, max(0, share))).rounded(.down))) }

    /// Lago publishes its limit in headers (handled on 429); only concurrency is bounded, at eight calls at once
    /// (self-hosted servers publish no limit, and Lago Cloud answers 429 with a reset time when it is reached), and
    /// at `share` of that.
    public static func lago(share: Double = 1) -> RequestThrottle {
        RequestThrottle(requests: 1_000_000, per: .seconds(1), maxConcurrent: part(8, share))
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
