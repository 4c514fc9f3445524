import Foundation

/// A provider that counts its events over any stretch for the whole organisation in one call, and lists whose they
/// are: what lets sync learn what changed since its last pass without asking each customer (`ChangeScan`).
public protocol ActivityCounting: UsageProvider {
    /// How many events, of every customer and metric, the provider holds with timestamps in `period` (half-open).
    func eventCount(in period: Period) async throws -> Int

    /// The events of `period`, of every customer: how many fall in each hour, and their keys.
    func activity(in period: Period) async throws -> EventActivity

    /// The customer of each of `subscriptions` the provider knows, and the calls it took to learn them.
    func owners(of subscriptions: Set<String>) async throws -> (customers: [String: String], calls: Int)
}

/// What a provider's events over a stretch are: counted by hour, and listed by their keys.
public struct EventActivity: Sendable, Equatable {
    /// One event listed, by the key the store keeps it under.
    public struct Listed: Sendable, Hashable {
        public var subscription: String
        public var transactionID: String
        /// The event of `subscription` with `transactionID`.
        public init(subscription: String, transactionID: String) {
            (self.subscription, self.transactionID) = (subscription, transactionID)
        }
    }

    /// Events by the hour their timestamp falls in (the hour's start, in seconds since 1970).
    public var hours: [Int64: Int]
    /// The events listed.
    public var events: [Listed]
    /// Calls made to learn it.
    public var calls: Int

    /// Activity counted as given.
    public init(hours: [Int64: Int] = [:], events: [Listed] = [], calls: Int = 0) {
        (self.hours, self.events, self.calls) = (hours, events, calls)
    }

    /// The hour (its start, in seconds since 1970) that `date` falls in.
    public static func hour(of date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / 3_600).rounded(.down)) * 3_600
    }
}
