import Foundation

extension Decimal {
    /// This value rounded to `scale` fraction digits, half away from zero unless `mode` says otherwise.
    public func rounded(_ scale: Int, _ mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, mode)
        return result
    }
}
