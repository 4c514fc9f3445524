import Foundation

/// A customer's daily values, exact, in as little memory as they allow: whole significands sharing one decimal
/// exponent, 2, 4 or 8 bytes a day as the largest needs, else `Decimal`s (20 bytes a day). A customers table of
/// 100,000 rows keeps 30 days each, so this was most of its memory.
public struct DailyValues: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable, Hashable {
    private enum Storage: Sendable {
        case small([Int16], exponent: Int)
        case medium([Int32], exponent: Int)
        case scaled([Int64], exponent: Int)
        case decimals([Decimal])
    }

    private let storage: Storage

    /// The values as given.
    public init(_ values: [Decimal]) {
        storage = .decimals(values)
    }

    /// The values listed.
    public init(arrayLiteral values: Decimal...) {
        storage = .decimals(values)
    }

    /// The values `units[i] × 10^-scale`, kept as small significands under the smallest exponent they need when they
    /// fit 64 bits, else as `Decimal`s.
    public init(units: [Int128], scale: Int) {
        var places = 0
        for value in units where value != 0 {
            var value = value, kept = scale
            while kept > places, value % 10 == 0 { value /= 10; kept -= 1 }
            places = Swift.max(places, kept)
        }
        var divisor: Int128 = 1
        for _ in places..<Swift.max(places, scale) { divisor *= 10 }
        var significands: [Int64] = []
        significands.reserveCapacity(units.count)
        for value in units {
            guard let significand = Int64(exactly: value / divisor) else {
                storage = .decimals(units.map { Self.decimal($0, exponent: -scale) })
                return
            }
            significands.append(significand)
        }
        let largest = significands.lazy.map(\.magnitude).max() ?? 0
        if largest <= UInt64(Int16.max) {
            storage = .small(significands.map { Int16(truncatingIfNeeded: $0) }, exponent: -places)
        } else if largest <= UInt64(Int32.max) {
            storage = .medium(significands.map { Int32(truncatingIfNeeded: $0) }, exponent: -places)
        } else {
            storage = .scaled(significands, exponent: -places)
        }
    }

    private static func decimal<Whole: BinaryInteger>(_ significand: Whole, exponent: Int) -> Decimal {
        if let small = UInt64(exactly: significand.magnitude) {
            return Decimal(sign: significand < 0 ? .minus : .plus, exponent: exponent, significand: Decimal(small))
        }
        return Decimal(string: "\(significand)e\(exponent)", locale: Locale(identifier: "en_US_POSIX")) ?? 0
    }

    /// The values as doubles, for drawing (a sparkline's heights) without making a `Decimal` per day each frame.
    public var doubles: [Double] {
        switch storage {
        case .small(let values, let exponent): values.map { Double($0) * Self.power(exponent) }
        case .medium(let values, let exponent): values.map { Double($0) * Self.power(exponent) }
        case .scaled(let values, let exponent): values.map { Double($0) * Self.power(exponent) }
        case .decimals(let values): values.map(DecimalText.double)
        }
    }

    private static func power(_ exponent: Int) -> Double {
        exponent >= 0 ? pow(10, Double(exponent)) : 1 / pow(10, Double(-exponent))
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .small(let values, _): values.count
        case .medium(let values, _): values.count
        case .scaled(let values, _): values.count
        case .decimals(let values): values.count
        }
    }

    public subscript(position: Int) -> Decimal {
        switch storage {
        case .small(let values, let exponent): Self.decimal(values[position], exponent: exponent)
        case .medium(let values, let exponent): Self.decimal(values[position], exponent: exponent)
        case .scaled(let values, let exponent): Self.decimal(values[position], exponent: exponent)
        case .decimals(let values): values[position]
        }
    }

    public static func == (lhs: DailyValues, rhs: DailyValues) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (.small(let a, let x), .small(let b, let y)) where x == y: a == b
        case (.scaled(let a, let x), .scaled(let b, let y)) where x == y: a == b
        default: lhs.elementsEqual(rhs)
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for value in self { hasher.combine(value) }
    }
}
