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
    /// A sum weighted by how long each value held (Lago's `weighted_sum_agg`); answered by the provider only.
    case weightedSum = "weighted_sum"
    /// The last value reported (Lago's `latest_agg`); answered by the provider only.
    case latest
    /// A provider-side custom aggregation (Lago's `custom_agg`); answered by the provider only.
    case custom

    /// The aggregations the embedded store computes itself.
    public static let computedLocally: [Aggregation] = [.count, .sum, .max, .uniqueCount]

    /// Whether this aggregation reads a property field.
    public var needsField: Bool { self != .count && self != .custom }
}

extension Aggregation {
    /// Whether values over two windows add up to the value over both (count and sum do; the others don't).
    public var isAdditive: Bool { self == .count || self == .sum }
}
