import Foundation
import GRDB
import StoreCore
import UsageCore

/// SQL functions that add and compare decimal text exactly (SQLite's own SUM would go through doubles).
enum DecimalFunctions {
    /// `dec_add(a, b)`: exact sum of two decimal texts; NULL counts as absent.
    static let add = DatabaseFunction("dec_add", argumentCount: 2, pure: true) { values in
        combine(values[0], values[1]) { $0 + $1 }
    }

    /// `dec_max(a, b)`: the larger of two decimal texts; NULL counts as absent.
    static let max = DatabaseFunction("dec_max", argumentCount: 2, pure: true) { values in
        combine(values[0], values[1]) { Swift.max($0, $1) }
    }

    /// `dec_sum(x)`: exact aggregate sum of decimal texts.
    static let sum = DatabaseFunction("dec_sum", argumentCount: 1, pure: true, aggregate: DecimalSum.self)

    /// `dec_max_agg(x)`: aggregate maximum of decimal texts.
    static let maxAggregate = DatabaseFunction("dec_max_agg", argumentCount: 1, pure: true, aggregate: DecimalMax.self)

    /// Registers every function on a connection.
    static func register(in db: Database) {
        db.add(function: add)
        db.add(function: max)
        db.add(function: sum)
        db.add(function: maxAggregate)
    }

    /// The decimal in a database value (text or integer), or nil.
    static func decimal(_ value: DatabaseValue) -> Decimal? {
        switch value.storage {
        case .string(let text): DecimalText.parse(text)
        case .int64(let int): Decimal(int)
        default: nil
        }
    }

    /// Adds a database value (text or integer) to `sum`; other values are skipped.
    static func add(_ value: DatabaseValue, to sum: inout ExactSum) {
        switch value.storage {
        case .string(let text): sum.add(text: text)
        case .int64(let int): sum.add(Decimal(int))
        default: break
        }
    }

    private static func combine(_ a: DatabaseValue, _ b: DatabaseValue, _ op: (Decimal, Decimal) -> Decimal) -> String?
    {
        switch (decimal(a), decimal(b)) {
        case (nil, nil): nil
        case (let x?, nil), (nil, let x?): DecimalText.format(x)
        case (let x?, let y?): DecimalText.format(op(x, y))
        }
    }
}

/// Aggregate state of `dec_sum` (integer arithmetic while the values allow, as ingest's rollups).
struct DecimalSum: DatabaseAggregate {
    private var total = ExactSum()
    mutating func step(_ dbValues: [DatabaseValue]) throws {
        DecimalFunctions.add(dbValues[0], to: &total)
    }
    func finalize() throws -> (any DatabaseValueConvertible)? { total.sumText }
}

/// Aggregate state of `dec_max_agg`.
struct DecimalMax: DatabaseAggregate {
    private var best = ExactSum()
    mutating func step(_ dbValues: [DatabaseValue]) throws {
        DecimalFunctions.add(dbValues[0], to: &best)
    }
    func finalize() throws -> (any DatabaseValueConvertible)? { best.maxText }
}
