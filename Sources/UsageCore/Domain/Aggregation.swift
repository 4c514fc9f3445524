/// How a metric folds events into a number.
public enum Aggregation: String, Sendable, Hashable, Codable, CaseIterable {
    /// The number of events.
    case count
    /// The exact decimal sum of `properties[field]`.
    case sum
    /// The largest `properties[field]`.
    case max
    /// The number of distinct values of `properties[field]`.
    case uniqueCount = "unique_count"

    /// Whether this aggregation reads a property field.
    public var needsField: Bool { self != .count }
}

extension Aggregation {
    /// Whether values over two windows add up to the value over both (count and sum do; max and unique count don't).
    public var isAdditive: Bool { self == .count || self == .sum }
}
