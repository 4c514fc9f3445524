import Foundation

extension Decimal {
    /// This value rounded to `scale` fraction digits, half away from zero unless `mode` says otherwise.
    public func rounded(_ scale: Int, _ mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, mode)
        return result
    }

    /// How many fraction digits this value needs, up to `limit` (`12.50` → 1, `3` → 0).
    public func fractionDigits(upTo limit: Int) -> Int {
        var digits = 0
        while digits < limit, self != rounded(digits) { digits += 1 }
        return digits
    }
}
