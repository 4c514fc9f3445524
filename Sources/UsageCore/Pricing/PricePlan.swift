import Foundation

/// A price plan in Lago's vocabulary: a currency, a fixed fee per billing period and the charges of its metrics.
/// Lago's plans come from its API (`GET /plans/{code}`); for sources without prices they are declared in
/// `config.toml`, in the same words.
public struct PricePlan: Sendable, Hashable {
    /// The plan's code.
    public var code: String
    /// ISO 4217 currency of every amount.
    public var currency: String
    /// The fixed fee per billing period, in minor units (`amount_cents`).
    public var fee: Int
    /// Its charges (Lago lets a metric be charged more than once, each with its own filters).
    public var charges: [Charge]

    /// Creates a plan.
    public init(code: String, currency: String, fee: Int = 0, charges: [Charge]) {
        self.code = code
        self.currency = currency
        self.fee = fee
        self.charges = charges
    }

    /// The charges of `metricCode`: none when the plan does not price it.
    public func charges(for metricCode: String) -> [Charge] { charges.filter { $0.metricCode == metricCode } }
}

extension PricePlan {
    /// A plan as lago-api serializes it (`code`, `amount_currency`, `amount_cents`, `charges`) or as `config.toml`
    /// writes it (`currency` for the currency); errors name the key at `path`.
    public init(lago plan: JSONValue, at path: String) throws(UsageError) {
        guard let code = plan["code"]?.stringValue, !code.isEmpty else {
            throw UsageError(.invalidInput, "\(path).code is missing")
        }
        guard let currency = (plan["amount_currency"] ?? plan["currency"])?.stringValue,
            currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isLetter })
        else {
            throw UsageError(.invalidInput, "\(path).currency must be an ISO 4217 code such as EUR")
        }
        var fee = 0
        if let value = plan["amount_cents"], value != .null {
            guard let cents = value.intValue, cents >= 0 else {
                throw UsageError(.invalidInput, "\(path).amount_cents must be a whole number of minor units")
            }
            fee = cents
        }
        var charges: [Charge] = []
        for (index, item) in (plan["charges"]?.arrayValue ?? []).enumerated() {
            charges.append(try Charge(lago: item, at: "\(path).charges[\(index + 1)]"))
        }
        self.init(code: code, currency: currency.uppercased(), fee: fee, charges: charges)
    }
}
