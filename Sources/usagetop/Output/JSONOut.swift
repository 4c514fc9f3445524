import Foundation
import UsageCore

/// JSON values for headless output: numbers as exact decimal text, money as minor units, a decimal amount and the
/// currency, periods as half-open ISO-8601 bounds.
enum JSONOut {
    static func string(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    /// The exact value, never rounded (`0.0000000001` stays).
    static func number(_ d: Decimal) -> JSONValue { .number(d.isNaN ? "0" : d.description) }
    static func int(_ i: Int?) -> JSONValue { i.map { .number(String($0)) } ?? .null }
    static func period(_ p: Period) -> JSONValue {
        .object([("start", .string(UTCTime.iso(p.start))), ("end", .string(UTCTime.iso(p.end)))])
    }
    /// `amount_cents`, `amount` (decimal text with the currency's minor digits) and `currency`, null when unpriced.
    static func money(_ money: Money?) -> [(String, JSONValue)] {
        [
            ("amount_cents", int(money?.minorUnits)), ("amount", money.map { .number($0.plainAmount) } ?? .null),
            ("currency", string(money?.currency)),
        ]
    }
    /// `<prefix>amount_cents` and `<prefix>amount` (the currency is named once, by `money(_:)`).
    static func money(_ money: Money?, prefix: String) -> [(String, JSONValue)] {
        [
            ("\(prefix)amount_cents", int(money?.minorUnits)),
            ("\(prefix)amount", money.map { .number($0.plainAmount) } ?? .null),
        ]
    }
    /// The period the numbers answer: the one common period of `answered`, else the period asked when there is
    /// none, else null (each row then names its own).
    static func answeredPeriod(_ answered: [Period?], requested: Period) -> JSONValue {
        let distinct = Set(answered.map { $0 ?? requested })
        if distinct.isEmpty { return period(requested) }
        return distinct.count == 1 ? period(distinct.first ?? requested) : .null
    }
}
