import Foundation

/// A provider that counts its events over any stretch for the whole organisation in one call, and lists whose they
/// are: what lets sync learn what changed since its last pass without asking each customer (`ChangeScan`).
public protocol ActivityCounting: UsageProvider {
    /// How many events, of every customer and metric, the provider holds with timestamps in `period` (half-open).
    func eventCount(in period: Period) async throws -> Int

    /// The events of `period`, of every customer: how many fall in each hour and whose they are.
    func activity(in period: Period) async throws -> EventActivity
}

/// What a provider's events over a stretch are, counted by hour, and the customers they belong to.
public struct EventActivity: Sendable, Equatable {
    /// Events by the hour their timestamp falls in (the hour's start, in seconds since 1970).
    public var hours: [Int64: Int]
    /// The customers the events belong to (an event whose owner the provider no longer knows is left out).
    public var customers: Set<String>
    /// Calls made to learn it.
    public var calls: Int

    /// Activity counted as given.
    public init(hours: [Int64: Int] = [:], customers: Set<String> = [], calls: Int = 0) {
        (self.hours, self.customers, self.calls) = (hours, customers, calls)
    }

    /// The hour (its start, in seconds since 1970) that `date` falls in.
    public static func hour(of date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / 3_600).rounded(.down)) * 3_600
    }
}
