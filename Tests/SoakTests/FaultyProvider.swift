import Foundation
import Synchronization
import UsageCore

/// A provider whose numbers follow from the period alone (so a fresh start sees the same data) and whose failures
/// follow `FaultSchedule` on a simulated clock. Malformed bodies go through the real JSON parser.
final class FaultyProvider: EventListing, SeriesListing, Sendable {
    let clock: SimulatedClock
    private let callCount = Atomic<Int>(0)
    static let customers = (0..<8).map { i in
        Customer(
            id: String(format: "cus_%02d", i), name: i == 7 ? "\u{1b}]0;owned\u{07}Acme\u{1b}[2J" : "Customer \(i)")
    }

    init(clock: SimulatedClock) {
        self.clock = clock
    }

    var name: String { "soak" }
    var capabilities: ProviderCapabilities { .all }
    /// Calls answered or failed so far.
    var calls: Int { callCount.load(ordering: .relaxed) }

    func sourceInfo() async throws -> SourceInfo {
        try fail()
        return SourceInfo(label: "soak simulation", isDemoData: false)
    }

    func metrics() async throws -> [Metric] {
        try fail()
        return [
            Metric(code: "calls", name: "Calls", aggregation: .count, unit: "calls"),
            Metric(code: "gb", name: "Transfer", aggregation: .sum, field: "gb", unit: "GB"),
        ]
    }

    func customer(id: String) async throws -> Customer? {
        try fail()
        return Self.customers.first { $0.id == id }
    }

    func customers() async throws -> [Customer] {
        try fail()
        return Self.customers
    }

    func summaries(metric: Metric, period: Period, trailingDays: Int, now: Date) async throws -> [CustomerSummary] {
        try fail()
        let hours = Decimal(Int(period.end.timeIntervalSince(period.start) / 3_600))
        let rates = metric.code == "calls" ? Self.callRates : Self.transferRates
        return Self.customers.indices.map { index in
            CustomerSummary(
                customer: Self.customers[index], total: hours * rates[index],
                daily: Array(repeating: 24 * rates[index], count: max(1, trailingDays)), lastEventAt: nil)
        }
    }

    func totals(customerID: String, period: Period) async throws -> [UsageTotal] {
        try fail()
        return []
    }

    func timeseries(metric: Metric, customerID: String?, period: Period, bucket: Bucket) async throws -> TimeSeries {
        try fail()
        let perHour = (metric.code == "calls" ? Self.callRates : Self.transferRates).reduce(0, +)
        let points = try bucket.starts(in: period).map { TimeSeries.Point(start: $0, value: perHour) }
        return TimeSeries(
            metricCode: metric.code, bucket: bucket, points: points, total: perHour * Decimal(points.count))
    }

    func events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int) async throws
        -> Page<UsageEvent>
    {
        try fail()
        return Page(items: [], index: page, size: pageSize, totalCount: 0)
    }

    /// Each customer's hourly calls.
    static let callRates = customers.indices.map { Decimal($0 + 1) }
    /// Each customer's hourly transfer in GB.
    static let transferRates = customers.indices.map { Decimal($0 + 1) * Decimal(string: "0.25")! }

    private func fail() throws {
        callCount.add(1, ordering: .relaxed)
        switch FaultSchedule.phase(at: clock.now) {
        case .healthy, .slow: return
        case .outage: throw UsageError(.unavailable, "soak: cannot connect to 127.0.0.1:9 (connection refused)")
        case .rateLimited: throw UsageError(.unavailable, "soak: rate limited (429); retry after 1s")
        case .serverError: throw UsageError(.unavailable, "soak: server error 500")
        case .timeout: throw UsageError(.unavailable, "soak: no answer within 30s")
        case .malformed:
            do {
                _ = try JSONParser.parse(#"{"data": [1, 2,"#)
            } catch {
                throw UsageError(.invalidInput, "soak: malformed response: \(error)")
            }
        }
    }
}

/// A clock the test moves by hand.
final class SimulatedClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
