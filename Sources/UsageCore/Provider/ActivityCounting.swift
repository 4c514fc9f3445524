import Foundation

/// A provider that counts its events over any stretch for the whole organisation in one call, and lists whose they
/// are: what lets sync learn what changed since its last pass without asking each customer (`ChangeScan`).
public protocol ActivityCounting: UsageProvider {
    /// How many events, of every customer and metric, the provider holds with timestamps in `period` (half-open).
    func eventCount(in period: Period) async throws -> Int

    /// The events of `period`, of every customer: how many fall in each hour, and their keys.
    func activity(in period: Period) async throws -> EventActivity

    /// The customers of `fresh`, events of `activity` the store does not hold, as near as the provider can name them
    /// (nil when it cannot, and every customer must be read); `listed` is every event listed.
    func owners(of fresh: [EventActivity.Listed], listed: [EventActivity.Listed]) async throws -> Set<String>?

    /// How many customers the provider lists, in one call: a change tells sync a customer came (or went) without
    /// events, which no event count shows.
    func customerCount() async throws -> Int
}

/// What a provider's events over a stretch are: counted by hour, and listed by their keys.
public struct EventActivity: Sendable, Equatable {
    /// One event listed, by the key the store keeps it under, and when it happened.
    public struct Listed: Sendable, Hashable {
        public var subscription: String
        public var transactionID: String
        /// The event's time in milliseconds since 1970.
        public var ms: Int64
        /// The event of `subscription` with `transactionID`, at `ms` milliseconds since 1970.
        public init(subscription: String, transactionID: String, ms: Int64) {
            (self.subscription, self.transactionID, self.ms) = (subscription, transactionID, ms)
        }
    }

    /// Events by the hour their timestamp falls in (the hour's start, in seconds since 1970).
    public var hours: [Int64: Int]
    /// The events listed.
    public var events: [Listed]

    /// Activity counted as given.
    public init(hours: [Int64: Int] = [:], events: [Listed] = []) {
        (self.hours, self.events) = (hours, events)
    }

    /// The hour (its start, in seconds since 1970) that `date` falls in.
    public static func hour(of date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / 3_600).rounded(.down)) * 3_600
    }
}
