import Foundation

/// A provider's published rate limit as usagetop spends it: `requests` per `interval` with bursts of `burst`, and
/// `maxConcurrent` calls at once. Over any window of `interval` the throttle lets through at most `burst + requests`,
/// kept under the published limit.
public struct RateBudget: Sendable, Hashable {
    public var requests: Int
    public var interval: Duration
    public var burst: Int?
    public var maxConcurrent: Int

    /// Creates a budget.
    public init(requests: Int, per interval: Duration, burst: Int? = nil, maxConcurrent: Int = 4) {
        self.requests = requests
        self.interval = interval
        self.burst = burst
        self.maxConcurrent = maxConcurrent
    }

    /// A throttle spending `share` (0 to 1) of the budget, leaving the rest to other programs on the same key; time
    /// is injectable for tests.
    public func throttle(
        share: Double = 1,
        now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) -> RequestThrottle {
        RequestThrottle(
            requests: Self.part(requests, share), per: interval, burst: burst.map { Self.part($0, share) },
            maxConcurrent: Self.part(maxConcurrent, share), now: now, sleep: sleep)
    }

    /// `rate` calls a second as people read it against this published limit: `12.5 calls/s, 7% of hyperline's 17
    /// calls/s`, or only the rate where the provider publishes none (a budget of a million a second).
    public func usage(_ rate: Double, provider: String) -> String {
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        let limit = seconds > 0 ? Double(requests) / seconds : 0
        let calls = String(format: "%.1f calls/s", rate)
        guard limit > 0, limit < 100_000 else { return calls + " (\(provider) publishes no rate limit)" }
        return calls
            + ", \(Int((rate / limit * 100).rounded()))% of \(provider)'s \(String(format: "%g", limit)) calls/s"
    }

    /// One call at a time within the same rate (the benchmarks' sequential baseline).
    public var sequential: RateBudget {
        var one = self
        one.maxConcurrent = 1
        return one
    }

    /// `share` of `count`, at least one.
    private static func part(_ count: Int, _ share: Double) -> Int {
        max(1, Int((Double(count) * min(1, max(0, share))).rounded(.down)))
    }
}
