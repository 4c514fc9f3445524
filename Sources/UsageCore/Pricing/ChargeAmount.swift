import Foundation

/// Where an amount is rounded, as lago-api rounds a fee: once, to the currency's minor unit, half away from zero
/// (`amount.round(currency.exponent)` in `Fees::ChargeService`), after the charge model has worked in exact decimals.
public enum ChargeAmount {
    /// `amount` (major units) as minor units of `currency`.
    public static func minorUnits(_ amount: Decimal, currency: String) -> Int {
        let exponent = Money.exponent(of: currency)
        var scale: Decimal = 1
        for _ in 0..<exponent { scale *= 10 }
        return NSDecimalNumber(decimal: (amount.rounded(exponent) * scale).rounded(0)).intValue
    }

    /// The true-up a charge's minimum commitment adds to its fees (`Fees::CreateTrueUpService`): the minimum
    /// (`min_amount_cents`) prorated to the days billed, less what the charge's fees came to, rounded to a minor
    /// unit; zero when they reach it.
    public static func trueUp(minimum: Int, used: Int, billedDays: Int, periodDays: Int) -> Int {
        guard periodDays > 0 else { return 0 }
        let prorated = Decimal(minimum) / Decimal(periodDays) * Decimal(billedDays)
        guard Decimal(used) < prorated else { return 0 }
        return NSDecimalNumber(decimal: (prorated - Decimal(used)).rounded(0)).intValue
    }
}
