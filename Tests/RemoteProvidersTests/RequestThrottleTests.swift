import Foundation
import Synchronization
import Testing
@testable import RemoteProviders

@Suite("Rate budget and concurrency")
struct RequestThrottleTests {
    /// Time that moves only when the throttle sleeps.
    final class Timeline: Sendable {
        let state = Mutex<(now: Date, sleeps: [Duration])>((Date(timeIntervalSince1970: 0), []))
        var now: Date { state.withLock { $0.now } }
        var sleeps: [Duration] { state.withLock { $0.sleeps } }
        func sleep(_ d: Duration) async throws {
            state.withLock {
                $0.sleeps.append(d)
                $0.now = $0.now.addingTimeInterval(
                    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
            }
        }
    }

    @Test func staysUnderTheBudgetByWaitingForTokens() async throws {
        let time = Timeline()
        let throttle = RequestThrottle(
            requests: 3, per: .seconds(9), maxConcurrent: 10, now: { time.now }, sleep: time.sleep)
        for _ in 0..<5 {
            try await throttle.acquire()
            await throttle.release()
        }
        #expect(time.sleeps == [.seconds(3), .seconds(3)], "the 4th and 5th calls wait one refill each (3 per 9 s)")
        #expect(time.now == Date(timeIntervalSince1970: 6))
    }

    final class Peak: Sendable {
        private let state = Mutex((current: 0, max: 0))
        func enter() {
            state.withLock {
                $0.current += 1; $0.max = Swift.max($0.max, $0.current)
            }
        }
        func leave() { state.withLock { $0.current -= 1 } }
        var max: Int { state.withLock { $0.max } }
    }

    @Test func boundsConcurrentCalls() async throws {
        let throttle = RequestThrottle(requests: 1_000, per: .seconds(1), maxConcurrent: 2)
        let peak = Peak()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await throttle.acquire()
                    peak.enter()
                    await Task.yield()
                    peak.leave()
                    await throttle.release()
                }
            }
            try await group.waitForAll()
        }
        #expect(peak.max <= 2)
        #expect(peak.max >= 1)
    }

    /// The most acquisitions inside any window of `seconds` that starts at an acquisition.
    static func busiestWindow(_ times: [Date], seconds: Double) -> Int {
        var best = 0, first = 0
        for last in times.indices {
            while times[last].timeIntervalSince(times[first]) >= seconds { first += 1 }
            best = max(best, last - first + 1)
        }
        return best
    }

    /// The whole budget, and the half a sync spends by default (leaving the rest to people's dashboards on the key).
    @Test(arguments: [("hyperline", 10.0, 200), ("prolifi", 60.0, 1_000)], [1.0, 0.5])
    func neverExceedsItsShareOfThePublishedLimitInAnySlidingWindow(provider: (String, Double, Int), share: Double)
        async throws
    {
        let (name, window, limit) = provider
        let time = Timeline()
        let budget = try #require(ProviderRegistry.provider(named: name)).budget
        let throttle = budget.throttle(share: share, now: { time.now }, sleep: time.sleep)
        var times: [Date] = []
        for _ in 0..<(limit * 3) {
            try await throttle.acquire()
            times.append(time.now)
            await throttle.release()
        }
        let busiest = Self.busiestWindow(times, seconds: window), allowed = Double(limit) * share
        #expect(Double(busiest) < allowed, "\(busiest) calls in one \(Int(window)) s window, for \(share) of \(limit)")
        #expect(Double(busiest) >= allowed * 0.85, "the share is used, not wasted: \(busiest)")
    }
}
