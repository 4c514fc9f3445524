import Foundation

/// How a charge turns a billing period's units into an amount, in Lago's vocabulary (`charge_model` and its
/// `properties`). Amounts are in the currency's major units, unrounded, as lago-api computes them; `ChargeAmount`
/// rounds once, to the currency's minor unit. `dynamic` and `custom` prices cannot be reproduced from units.
public enum ChargeModel: Sendable, Hashable {
    /// A price per unit.
    case standard(perUnit: Decimal)
    /// Tiers priced one after another, each with a flat fee once reached.
    case graduated([PriceRange])
    /// Tiers charged a percentage of their units, each with a flat fee once reached.
    case graduatedPercentage([PriceRange])
    /// A price per started package of `size` units, after `freeUnits`.
    case package(amount: Decimal, size: Decimal, freeUnits: Decimal)
    /// A percentage of the units, a fixed amount per transaction, free units and per-transaction bounds.
    case percentage(PercentageTerms)
    /// The one tier the whole quantity falls in prices every unit, plus its flat fee.
    case volume([PriceRange])
    /// Priced by the provider per event (`precise_total_amount_cents`): not reproducible from units.
    case dynamic
    /// Priced by the provider's own code: not reproducible from units.
    case custom

    /// Whether the amount can be computed from units and events.
    public var isReproducible: Bool {
        switch self {
        case .dynamic, .custom: false
        default: true
        }
    }

    /// Lago's name of the model (`graduated_percentage`).
    public var name: String {
        switch self {
        case .standard: "standard"
        case .graduated: "graduated"
        case .graduatedPercentage: "graduated_percentage"
        case .package: "package"
        case .percentage: "percentage"
        case .volume: "volume"
        case .dynamic: "dynamic"
        case .custom: "custom"
        }
    }
}

/// One tier of a graduated, graduated-percentage or volume charge: `from` to `to` (nil: no end), a price per unit or a
/// percentage rate, and a flat fee.
public struct PriceRange: Sendable, Hashable {
    /// The tier's first unit (`from_value`).
    public var from: Decimal
    /// The tier's last unit (`to_value`), nil for the last tier.
    public var to: Decimal?
    /// The price of each unit in the tier (`per_unit_amount`); zero for percentage tiers.
    public var perUnit: Decimal
    /// The percentage of each unit charged (`rate`, `1.5` for 1.5 %); zero for priced tiers.
    public var rate: Decimal
    /// Charged once when the tier is reached (`flat_amount`).
    public var flat: Decimal

    /// Creates a tier.
    public init(from: Decimal, to: Decimal?, perUnit: Decimal = 0, rate: Decimal = 0, flat: Decimal = 0) {
        self.from = from
        self.to = to
        self.perUnit = perUnit
        self.rate = rate
        self.flat = flat
    }
}

/// The terms of a percentage charge (`rate`, `fixed_amount`, `free_units_per_events`,
/// `free_units_per_total_aggregation`, `per_transaction_min_amount`, `per_transaction_max_amount`).
public struct PercentageTerms: Sendable, Hashable {
    /// The percentage of the units charged (`1.3` for 1.3 %).
    public var rate: Decimal
    /// Charged per transaction past the free ones.
    public var fixedAmount: Decimal?
    /// How many first transactions are free (0: none).
    public var freeEvents: Int
    /// How many units are free in total (0: none).
    public var freeUnits: Decimal
    /// The least a transaction is charged, when set.
    public var minPerTransaction: Decimal?
    /// The most a transaction is charged, when set.
    public var maxPerTransaction: Decimal?

    /// Creates terms.
    public init(
        rate: Decimal, fixedAmount: Decimal? = nil, freeEvents: Int = 0, freeUnits: Decimal = 0,
        minPerTransaction: Decimal? = nil, maxPerTransaction: Decimal? = nil
    ) {
        self.rate = rate
        self.fixedAmount = fixedAmount
        self.freeEvents = freeEvents
        self.freeUnits = freeUnits
        self.minPerTransaction = minPerTransaction
        self.maxPerTransaction = maxPerTransaction
    }
}
