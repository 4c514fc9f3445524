import Foundation
import UsageCore

/// An exact running sum and maximum of decimal values: integer arithmetic on `ScaledValue` while the values allow it,
/// `Decimal` from the first value or sum that does not fit. Small (48 bytes): ingest keeps one per pending rollup row.
package struct ExactSum: Sendable {
    /// An empty sum.
    package init() {}

    /// Sums and maxima beyond scaled units, boxed so that the common case stays small.
    private final class Large: Sendable {
        let sum: Decimal
        let max: Decimal
        init(sum: Decimal, max: Decimal) {
            self.sum = sum
            self.max = max
        }
    }

    private var sum = ScaledValue(units: 0)
    private var max = ScaledValue(units: 0)
    private var large: Large?
    /// Whether a value was added.
    private(set) var hasValues = false

    /// Whether no value was added.
    package var isEmpty: Bool { !hasValues }

    /// Adds a value held exactly as scaled units.
    package mutating func add(_ value: ScaledValue) {
        defer { hasValues = true }
        if large == nil, let total = sum.adding(value) {
            sum = total
            max = hasValues ? Swift.max(max, value) : value
        } else {
            add(value.decimal)
        }
    }

    /// Adds everything another sum holds (its sum, and its maximum to the maximum).
    package mutating func add(_ other: ExactSum) {
        guard other.hasValues else { return }
        guard hasValues else { self = other; return }
        if large == nil, other.large == nil, let total = sum.adding(other.sum) {
            sum = total
            max = Swift.max(max, other.max)
        } else {
            let (mine, theirs) = (decimals, other.decimals)
            large = Large(sum: mine.sum + theirs.sum, max: Swift.max(mine.max, theirs.max))
        }
    }

    private var decimals: (sum: Decimal, max: Decimal) { large.map { ($0.sum, $0.max) } ?? (sum.decimal, max.decimal) }

    /// Takes back a value added before (ingest counts an event before it learns the event was a duplicate). The sum
    /// stays exact; returns true when the value may have been the maximum, which only the remaining values can tell.
    package mutating func remove(_ value: ScaledValue) -> Bool {
        if large == nil, let total = sum.adding(ScaledValue(units: -value.units)) {
            sum = total
            return !(value < max)
        }
        let (sumSoFar, maxSoFar) = decimals
        large = Large(sum: sumSoFar - value.decimal, max: maxSoFar)
        return value.decimal >= maxSoFar
    }

    /// Adds decimal text: scaled units when it is plain and fits, else a `Decimal`; text that is no number is skipped.
    package mutating func add(text: String) {
        if let value = ScaledValue(text) {
            add(value)
        } else if let decimal = DecimalText.parse(text) {
            add(decimal)
        }
    }

    /// Adds a value that may not fit scaled units.
    package mutating func add(_ value: Decimal) {
        if large == nil, let scaled = ScaledValue(value), let total = sum.adding(scaled) {
            sum = total
            max = hasValues ? Swift.max(max, scaled) : scaled
        } else {
            let (sumSoFar, maxSoFar) = large.map { ($0.sum, $0.max) } ?? (sum.decimal, hasValues ? max.decimal : value)
            large = Large(sum: sumSoFar + value, max: Swift.max(maxSoFar, value))
        }
        hasValues = true
    }

    /// The sum as plain decimal text (at most 12 places), nil when nothing was added.
    package var sumText: String? {
        guard hasValues else { return nil }
        return large.map { DecimalText.format($0.sum) } ?? sum.text
    }

    /// The largest value as plain decimal text, nil when nothing was added.
    package var maxText: String? {
        guard hasValues else { return nil }
        return large.map { DecimalText.format($0.max) } ?? max.text
    }
}
