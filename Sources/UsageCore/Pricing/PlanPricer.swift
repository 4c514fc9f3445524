import Foundation

/// Prices a metric's usage over any period under a plan that bills calendar months (UTC), as a support engineer
/// asks it ("what did last Tuesday cost?"). Within a billing period the cost of a part is the period-to-date charge
/// at its end less the period-to-date charge at its start, each rounded to a minor unit as a bill would be; so the
/// days of a month add up to the month exactly, whatever the tiers. Before a billing period starts nothing is billed.
/// A minimum commitment is settled at the end of a billing period and is not spread over its days.
public enum PlanPricer {
    /// The billing periods (calendar months) that `period` touches, each with the part of `period` inside it.
    public static func billingMonths(overlapping period: Period) -> [(month: Period, part: Period)] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard period.end > period.start,
            var start = calendar.dateInterval(of: .month, for: period.start)?.start
        else { return [] }
        var months: [(Period, Period)] = []
        while start < period.end {
            guard let end = calendar.date(byAdding: .month, value: 1, to: start) else { break }
            let month = Period(start: start, end: end)
            months.append((month, Period(start: max(start, period.start), end: min(end, period.end))))
            start = end
        }
        return months
    }

    /// Why `charge` cannot yet be priced from a metric's units and event count alone, or nil when it can; with
    /// `splitting`, filters that each name the same one property are priced (from a breakdown by it).
    public static func unpriceable(_ charge: Charge, splitting: Bool = false) -> String? {
        if !charge.filters.isEmpty, !splitting || filterKey(charge) == nil { return "priced per filter value" }
        if !charge.groupKeys.isEmpty { return "priced per group" }
        for model in [charge.model] + charge.filters.map(\.model) {
            if !model.isReproducible { return "\(model.name) prices are the provider's own" }
            if case .percentage(let terms) = model,
                terms.freeEvents > 0 || terms.freeUnits > 0 || terms.minPerTransaction != nil
                    || terms.maxPerTransaction != nil || (!charge.filters.isEmpty && terms.fixedAmount != nil)
            {
                return "priced transaction by transaction"
            }
        }
        return nil
    }

    /// The property a charge's filters all split by, when each names that one property (`region = ["eu"]`).
    public static func filterKey(_ charge: Charge) -> String? {
        guard let first = charge.filters.first?.values.keys.first else { return nil }
        return charge.filters.allSatisfy({ $0.values.count == 1 && $0.values.keys.first == first }) ? first : nil
    }

    /// What a charge with one-property filters bills to date for `rows` (a breakdown by that property since its
    /// billing period began): each filter prices the units of the values it takes (as `EventPricer` assigns
    /// events), the charge's own price the rest, each rounded as a fee of its own.
    public static func toDate(_ charge: Charge, rows: [BreakdownRow], key: String, currency: String) -> Int? {
        var units = [Decimal](repeating: 0, count: charge.filters.count + 1)
        for row in rows {
            units[EventPricer.filterIndex(in: charge.filters) { $0 == key ? row.value : nil }] += row.total
        }
        var total = 0
        for (index, bucket) in units.enumerated() {
            let model = index < charge.filters.count ? charge.filters[index].model : charge.model
            guard let amount = model.amount(for: ChargeUsage(units: bucket)) else { return nil }
            total += ChargeAmount.minorUnits(amount, currency: currency)
        }
        return total
    }

    /// What `charges` bill, in minor units of `currency`, for `units` from `events` events (nil: not known) since
    /// their billing period began (each charge rounded on its own, as each is a fee of its own); nil when one cannot
    /// be priced.
    public static func toDate(_ charges: [Charge], units: Decimal, events: Int?, currency: String) -> Int? {
        var total = 0
        for charge in charges {
            if case .percentage(let terms) = charge.model, terms.fixedAmount != nil, events == nil { return nil }
            guard unpriceable(charge) == nil,
                let amount = charge.model.amount(for: ChargeUsage(units: units, events: events ?? 0))
            else { return nil }
            total += ChargeAmount.minorUnits(amount, currency: currency)
        }
        return total
    }

    /// The cost of `part` of a billing period: the charge to date at its end, less at its start unless it starts the
    /// billing period. `before` is the usage from the billing period's start to the part's start (nil when the part
    /// starts the billing period), `through` from the billing period's start to the part's end.
    public static func cost(
        _ charges: [Charge], before: (units: Decimal, events: Int?)?, through: (units: Decimal, events: Int?),
        currency: String
    ) -> Int? {
        guard let end = toDate(charges, units: through.units, events: through.events, currency: currency) else {
            return nil
        }
        guard let before else { return end }
        guard let start = toDate(charges, units: before.units, events: before.events, currency: currency) else {
            return nil
        }
        return end - start
    }
}
