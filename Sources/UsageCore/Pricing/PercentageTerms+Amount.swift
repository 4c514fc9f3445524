import Foundation

extension PercentageTerms {
    /// The amount of a percentage charge (`PercentageService#compute_amount`): `rate` % of the units past the free
    /// ones plus the fixed amount per transaction past the free ones; with a per-transaction minimum or maximum,
    /// each transaction is priced and bounded on its own.
    func amount(for usage: ChargeUsage) -> Decimal {
        if minPerTransaction != nil || maxPerTransaction != nil { return boundedAmount(usage.values) }
        let totals = usage.runningTotal(freeEvents: freeEvents, freeUnits: freeUnits)
        let free = freeValue(totals)
        let percentage = free > usage.units ? 0 : (usage.units - free) * rate / 100
        var fixed: Decimal = 0
        let freeCount = freeTransactions(totals)
        if let fixedAmount, usage.units != 0, freeCount < usage.events {
            fixed = Decimal(usage.events - freeCount) * fixedAmount
        }
        return percentage + fixed
    }

    /// The units that are free (`free_units_value`): the running total after the free transactions, else the free
    /// units, else everything up to them.
    private func freeValue(_ totals: [Decimal]) -> Decimal {
        guard let last = totals.last, last != 0 else { return 0 }
        if freeEvents > 0, freeEvents < totals.count { return totals[freeEvents - 1] }
        if freeUnits == 0 || last <= freeUnits { return last }
        return freeUnits
    }

    /// How many transactions are free (`free_units_count`): the fewer of the free transactions and of those whose
    /// running total stays under the free units, leaving out either when it is zero.
    private func freeTransactions(_ totals: [Decimal]) -> Int {
        [freeEvents, totals.count { $0 < freeUnits }].filter { $0 != 0 }.min() ?? 0
    }

    /// Each transaction priced on its own, past the free transactions and units, then held between the minimum and
    /// the maximum (`compute_amount_with_transaction_min_max`).
    private func boundedAmount(_ values: [Decimal]) -> Decimal {
        var freeLeft = freeEvents, unitsLeft = freeUnits
        var total: Decimal = 0
        for original in values {
            var value = original
            if freeLeft > 0 || unitsLeft > 0 {
                freeLeft -= 1
                guard unitsLeft > 0 else { continue }
                if unitsLeft > value {
                    unitsLeft -= value
                    continue
                }
                value -= unitsLeft
                (unitsLeft, freeLeft) = (0, 0)
            }
            var charged = value * rate / 100 + (fixedAmount ?? 0)
            if let minimum = minPerTransaction, charged < minimum {
                charged = minimum
            } else if let maximum = maxPerTransaction, charged > maximum {
                charged = maximum
            }
            total += charged
        }
        return total
    }
}
