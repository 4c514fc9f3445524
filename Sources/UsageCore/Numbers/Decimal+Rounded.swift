import Foundation

extension Decimal {
    /// This value rounded to `scale` fraction digits, half away from zero.
    public func rounded(_ scale: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result
    }
}
