import Foundation

/// An amount of money: integer minor units of an ISO 4217 currency, never a floating-point number.
public struct Money: Sendable, Hashable {
    /// The amount in the currency's minor unit (cents for EUR, yen for JPY, fils for KWD).
    public var minorUnits: Int
    /// The ISO 4217 code, upper case (`EUR`).
    public var currency: String

    /// Creates an amount.
    public init(minorUnits: Int, currency: String) {
        self.minorUnits = minorUnits
        self.currency = currency.uppercased()
    }

    /// The amount in major units, exactly (`1234` cents of EUR is `12.34`).
    public var amount: Decimal {
        Decimal(
            sign: minorUnits < 0 ? .minus : .plus, exponent: -Self.exponent(of: currency),
            significand: Decimal(minorUnits.magnitude))
    }

    /// `EUR 1,234.50`, `JPY 1,235`, `KWD 1.234`: grouped, with exactly the currency's minor digits.
    public var text: String {
        let digits = Self.exponent(of: currency)
        var grouped = DecimalText.grouped(amount, fractionDigits: digits)
        let fraction = grouped.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
        if digits > 0 { grouped += (fraction == 0 ? "." : "") + String(repeating: "0", count: digits - fraction) }
        return "\(currency) \(grouped)"
    }

    /// Plain decimal text of `amount` with the currency's minor digits, for CSV and JSON (`1234.50`).
    public var plainAmount: String {
        let digits = Self.exponent(of: currency)
        var text = DecimalText.format(amount)
        guard digits > 0 else { return text }
        let fraction = text.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
        text += (fraction == 0 ? "." : "") + String(repeating: "0", count: max(0, digits - fraction))
        return text
    }

    /// The ISO 4217 minor-unit exponent of `currency` (2 unless listed otherwise).
    public static func exponent(of currency: String) -> Int {
        let code = currency.uppercased()
        if zeroDecimal.contains(code) { return 0 }
        if threeDecimal.contains(code) { return 3 }
        if fourDecimal.contains(code) { return 4 }
        return 2
    }

    /// Sums of amounts per currency, in first-seen order: amounts of different currencies are never added.
    public static func totals(_ amounts: [Money]) -> [Money] {
        var order: [String] = [], sums: [String: Int] = [:]
        for money in amounts {
            if sums[money.currency] == nil { order.append(money.currency) }
            let (sum, overflow) = (sums[money.currency] ?? 0).addingReportingOverflow(money.minorUnits)
            sums[money.currency] = overflow ? (money.minorUnits < 0 ? .min : .max) : sum
        }
        return order.map { Money(minorUnits: sums[$0] ?? 0, currency: $0) }
    }

    private static let zeroDecimal: Set<String> = [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF",
        "XPF",
    ]
    private static let threeDecimal: Set<String> = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]
    private static let fourDecimal: Set<String> = ["CLF", "UYW"]
}
