import Foundation
import UsageCore

/// What a store holds of one customer's events of one metric over one period (of one subscription's, for a
/// provider that keys events by subscription): the metric's value over them, how many there are, and the newest.
/// A sync compares it with the provider's own numbers for the same period.
public struct CopiedEvents: Sendable, Hashable {
    /// The metric's value over the events.
    public var value: Decimal
    /// How many events.
    public var events: Int
    /// The newest event's time, or nil when there is none.
    public var latest: Date?

    /// What a store holds.
    public init(value: Decimal, events: Int, latest: Date?) {
        self.value = value
        self.events = events
        self.latest = latest
    }

    /// The SQL aggregate both stores read (`COUNT(*)`, the decimal sum and max, distinct values, the newest time),
    /// folded into the metric's value.
    package init(metric: Metric, count: Int, sum: Decimal?, max: Decimal?, distinct: Int, latestMs: Int64?) {
        let value: Decimal =
            switch metric.aggregation {
            case .sum: sum ?? 0
            case .max: max ?? 0
            case .uniqueCount: Decimal(distinct)
            default: Decimal(count)
            }
        self.init(value: value, events: count, latest: latestMs.map(UTCTime.date(milliseconds:)))
    }
}
