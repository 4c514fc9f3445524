import Foundation

extension ChargeModel {
    /// The amount `usage` costs under this model, in major units and unrounded, as lago-api's
    /// `ChargeModels::*Service#compute_amount` gives it; nil when the model cannot be reproduced (`dynamic`,
    /// `custom`) or no volume tier holds the units.
    public func amount(for usage: ChargeUsage) -> Decimal? {
        switch self {
        case .standard(let perUnit): usage.units * perUnit
        case .graduated(let ranges): Self.graduated(ranges, units: usage.units)
        case .graduatedPercentage(let ranges): Self.graduatedPercentage(ranges, units: usage.units)
        case .package(let amount, let size, let freeUnits):
            Self.package(amount: amount, size: size, freeUnits: freeUnits, units: usage.units)
        case .percentage(let terms): terms.amount(for: usage)
        case .volume(let ranges): Self.volume(ranges, units: usage.units)
        case .dynamic, .custom: nil
        }
    }

    /// Each tier reached bills its units at its price plus its flat fee (`GraduatedService`,
    /// `AmountDetails::RangeGraduatedService`). Tiers are adjacent when each starts where the one before ends
    /// (`0–0.1`, `0.1–1`); otherwise a tier starting at `from` > 0 counts `from` itself (`11–20` holds 10 units).
    static func graduated(_ ranges: [PriceRange], units: Decimal) -> Decimal {
        let adjacent = ranges.count >= 2 && zip(ranges, ranges.dropFirst()).allSatisfy { $1.from == ($0.to ?? 0) }
        var total: Decimal = 0
        for range in ranges {
            let reached = range.to.map { units >= $0 ? $0 : units } ?? units
            let inRange = range.from == 0 ? reached : reached - range.from + (adjacent ? 0 : 1)
            total += (inRange == 0 ? 0 : inRange * range.perUnit) + range.flat
            if let to = range.to, to < units { continue }
            break
        }
        return total
    }

    /// Each tier reached bills `rate` % of its units plus its flat fee (`GraduatedPercentageService`,
    /// `AmountDetails::RangeGraduatedPercentageService`).
    static func graduatedPercentage(_ ranges: [PriceRange], units: Decimal) -> Decimal {
        var total: Decimal = 0
        for range in ranges {
            let inRange: Decimal
            if let to = range.to, units >= to {
                inRange = to - (range.from == 0 ? 1 : range.from) + 1
            } else {
                inRange = range.from == 0 ? units : units - range.from + 1
            }
            total += inRange * range.rate / 100 + range.flat
            if let to = range.to, to < units { continue }
            break
        }
        return total
    }

    /// Every started package of paid units (past the free ones) at the package price (`PackageService`).
    static func package(amount: Decimal, size: Decimal, freeUnits: Decimal, units: Decimal) -> Decimal {
        let paid = units - freeUnits
        guard paid > 0, size > 0 else { return 0 }
        return (paid / size).rounded(0, .up) * amount
    }

    /// The tier holding the quantity (its `from` at most the quantity rounded up, its `to` at least the quantity)
    /// prices every unit, plus its flat fee (`VolumeService`).
    static func volume(_ ranges: [PriceRange], units: Decimal) -> Decimal? {
        let ceiling = units.rounded(0, .up)
        guard
            let tier = ranges.sorted(by: { $0.from < $1.from }).first(where: {
                $0.from <= ceiling && ($0.to.map { units <= $0 } ?? true)
            })
        else { return nil }
        return units * tier.perUnit + tier.flat
    }
}
