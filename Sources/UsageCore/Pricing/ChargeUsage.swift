import Foundation

/// What a charge is priced on over one billing period: its units, its events, and (for percentage charges, which
/// price free units and transactions one by one) each event's value in time order.
public struct ChargeUsage: Sendable, Hashable {
    /// The aggregated units.
    public var units: Decimal
    /// How many events made them.
    public var events: Int
    /// Each event's value, oldest first (needed by percentage charges only).
    public var values: [Decimal]

    /// Usage of `units` from `events` events with those `values`.
    public init(units: Decimal, events: Int = 0, values: [Decimal] = []) {
        self.units = units
        self.events = events
        self.values = values
    }

    /// The running totals of the values lago-api's sum aggregation hands a percentage charge: those of the first
    /// `freeEvents` values when that is set, else of the values up to and including the one that passes
    /// `freeUnits` (none when neither is set).
    func runningTotal(freeEvents: Int, freeUnits: Decimal) -> [Decimal] {
        guard freeEvents > 0 || freeUnits > 0 else { return [] }
        var total: Decimal = 0
        var totals: [Decimal] = []
        for value in values {
            if freeEvents > 0 {
                guard totals.count < freeEvents else { break }
            } else if freeUnits < total {
                break
            }
            total += value
            totals.append(total)
        }
        return totals
    }
}
