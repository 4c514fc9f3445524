import Foundation
import UsageCore

/// A mergeable partial aggregate over some events: count, exact sum and maximum.
package struct Partial: Sendable, Equatable {
    package var count: Int64 = 0
    package var sum: Decimal?
    package var max: Decimal?

    /// A partial of `count` events with an optional sum and maximum.
    package init(count: Int64 = 0, sum: Decimal? = nil, max: Decimal? = nil) {
        self.count = count
        self.sum = sum
        self.max = max
    }

    /// Folds another partial into this one.
    package mutating func merge(_ other: Partial) {
        count += other.count
        if let s = other.sum { sum = (sum ?? 0) + s }
        if let m = other.max { max = Swift.max(max ?? m, m) }
    }

    /// The metric's value for a non-unique aggregation.
    package func value(for aggregation: Aggregation) -> Decimal {
        switch aggregation {
        case .count: Decimal(count)
        case .sum: sum ?? 0
        case .max: max ?? 0
        case .uniqueCount, .weightedSum, .latest, .custom: 0
        }
    }
}
