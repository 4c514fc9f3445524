import Foundation

extension ChargeModel {
    /// The model Lago names `name` with its `properties` (as lago-api's charge serializer gives them, and as
    /// `config.toml` writes them); an error names the property at `path` that is missing or not a number.
    public init(lago name: String, properties: JSONValue, at path: String) throws(UsageError) {
        let reader = PropertyReader(properties: properties, path: path)
        switch name {
        case "standard":
            self = .standard(perUnit: try reader.decimal("amount"))
        case "graduated":
            self = .graduated(try reader.ranges("graduated_ranges", price: "per_unit_amount"))
        case "graduated_percentage":
            self = .graduatedPercentage(try reader.ranges("graduated_percentage_ranges", price: "rate"))
        case "volume":
            self = .volume(try reader.ranges("volume_ranges", price: "per_unit_amount"))
        case "package":
            let size = try reader.decimal("package_size")
            guard size > 0 else { throw reader.problem("package_size", "must be more than 0") }
            self = .package(
                amount: try reader.decimal("amount"), size: size, freeUnits: try reader.decimal("free_units", or: 0))
        case "percentage":
            self = .percentage(
                PercentageTerms(
                    rate: try reader.decimal("rate"), fixedAmount: try reader.optionalDecimal("fixed_amount"),
                    freeEvents: Int(truncating: try reader.decimal("free_units_per_events", or: 0) as NSNumber),
                    freeUnits: try reader.decimal("free_units_per_total_aggregation", or: 0),
                    minPerTransaction: try reader.optionalDecimal("per_transaction_min_amount"),
                    maxPerTransaction: try reader.optionalDecimal("per_transaction_max_amount")))
        case "dynamic":
            self = .dynamic
        case "custom":
            self = .custom
        default:
            throw Self.unknown(name, at: path)
        }
    }

    /// Lago's charge model names.
    public static let lagoNames = [
        "standard", "graduated", "graduated_percentage", "package", "percentage", "volume", "dynamic", "custom",
    ]

    /// The error for a model name Lago does not have, at `path` (its `charge_model` key).
    static func unknown(_ name: String, at path: String) -> UsageError {
        UsageError(
            .invalidInput,
            "\(path) must be one of \(lagoNames.dropLast().joined(separator: ", ")) or \(lagoNames.last!), not '\(name)'"
        )
    }
}

/// Reads a charge's `properties`, naming the property that is wrong.
private struct PropertyReader {
    var properties: JSONValue
    var path: String

    func problem(_ key: String, _ text: String) -> UsageError {
        UsageError(.invalidInput, "\(path).\(key) \(text)")
    }

    /// A number written as a number or as text in quotes (`"0.05"`), as Lago writes prices.
    func decimal(_ key: String, in value: JSONValue? = nil, at place: String? = nil) throws(UsageError) -> Decimal {
        guard let number = try optionalDecimal(key, in: value, at: place) else {
            throw problem(place.map { "\($0).\(key)" } ?? key, "is missing")
        }
        return number
    }

    func decimal(_ key: String, or fallback: Decimal) throws(UsageError) -> Decimal {
        try optionalDecimal(key) ?? fallback
    }

    func optionalDecimal(_ key: String, in value: JSONValue? = nil, at place: String? = nil) throws(UsageError)
        -> Decimal?
    {
        guard let found = (value ?? properties)[key], found != .null else { return nil }
        guard let number = found.decimalValue else {
            throw problem(place.map { "\($0).\(key)" } ?? key, "must be a number")
        }
        return number
    }

    /// Tiers in order, each with `from_value`, `to_value` (null for the last), `flat_amount` and its `price` key.
    func ranges(_ key: String, price: String) throws(UsageError) -> [PriceRange] {
        guard let items = properties[key]?.arrayValue, !items.isEmpty else {
            throw problem(key, "must list at least one range")
        }
        var ranges: [PriceRange] = []
        for (index, item) in items.enumerated() {
            let at = "\(key)[\(index + 1)]"
            let from = try decimal("from_value", in: item, at: at)
            let to = try optionalDecimal("to_value", in: item, at: at)
            let value = try optionalDecimal(price, in: item, at: at) ?? 0
            let flat = try optionalDecimal("flat_amount", in: item, at: at) ?? 0
            if let to, to < from { throw problem(at, "ends (to_value \(to)) before it starts (from_value \(from))") }
            ranges.append(
                price == "rate"
                    ? PriceRange(from: from, to: to, rate: value, flat: flat)
                    : PriceRange(from: from, to: to, perUnit: value, flat: flat))
        }
        if ranges.dropLast().contains(where: { $0.to == nil }) {
            throw problem(key, "may leave to_value out on the last range only")
        }
        return ranges
    }
}
