import Foundation
import UsageCore

/// A mergeable partial aggregate over some events: count, exact sum and maximum.
struct Partial: Sendable, Equatable {
    var count: Int64 = 0
    var sum: Decimal?
    var max: Decimal?

    /// Folds another partial into this one.
    mutating func merge(_ other: Partial) {
        count += other.count
        if let s = other.sum { sum = (sum ?? 0) + s }
        if let m = other.max { max = Swift.max(max ?? m, m) }
    }

    /// The metric's value for a non-unique aggregation.
    func value(for aggregation: Aggregation) -> Decimal {
        switch aggregation {
        case .count: Decimal(count)
        case .sum: sum ?? 0
        case .max: max ?? 0
        case .uniqueCount, .weightedSum, .latest, .custom: 0
        }
    }
}
