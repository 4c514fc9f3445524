import Foundation
import UsageCore

/// What the store accepts from files, so that nothing is accepted and then lost: ids and codes without control
/// characters (a NUL would cut an id short in SQLite and merge two of them), names without NUL, and numbers it can
/// add exactly (below 10^18, at most 12 decimal places: sums keep 38 digits and are written with 12 places).
package enum StoredText {
    /// The largest magnitude a summed or maximised value may have (exclusive).
    package static let numberLimit = Decimal(sign: .plus, exponent: 18, significand: 1)
    /// The most decimal places a value may have.
    package static let decimalPlaces = 12

    /// Why `text` cannot be an id or code, or nil when it can.
    package static func keyProblem(_ text: String) -> String? {
        guard let bad = text.unicodeScalars.first(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            return nil
        }
        return "holds a control character (U+\(String(format: "%04X", bad.value)))"
    }

    /// Why `text` cannot be stored as a name, or nil when it can.
    package static func nameProblem(_ text: String) -> String? {
        text.utf8.contains(0) ? "holds a NUL character" : nil
    }

    /// Whether a value read as scaled units (so at most 12 places) is below the limit.
    package static func accepts(_ number: ScaledValue) -> Bool {
        number.units.magnitude < 1_000_000_000_000_000_000_000_000_000_000 as UInt128
    }

    /// Why `number` cannot be added exactly, or nil when it can.
    package static func numberProblem(_ number: Decimal) -> String? {
        if number.isNaN { return "is not a number" }
        if abs(number) >= numberLimit { return "is out of range (values must be below 10^18)" }
        if number != number.rounded(decimalPlaces) { return "has more than \(decimalPlaces) decimal places" }
        return nil
    }
}
