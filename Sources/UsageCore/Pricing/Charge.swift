import Foundation

/// One charge of a price plan: how a metric's units are priced, with prices per filter value (events matching no
/// filter take the charge's own model), per group of event properties, and a minimum commitment.
public struct Charge: Sendable, Hashable {
    /// The billable metric's code.
    public var metricCode: String
    /// The price of events no filter matches, or of every event when there are no filters.
    public var model: ChargeModel
    /// Prices for events whose properties match a filter's values.
    public var filters: [ChargeFilter]
    /// Event properties whose values are priced as groups of their own (`pricing_group_keys`).
    public var groupKeys: [String]
    /// The least the charge bills per billing period, in minor units (`min_amount_cents`), when set.
    public var minimum: Int?
    /// The provider's id of the charge (Lago's `lago_id`), which its bills name; nil for a plan from `config.toml`.
    public var id: String?

    /// Creates a charge.
    public init(
        metricCode: String, model: ChargeModel, filters: [ChargeFilter] = [], groupKeys: [String] = [],
        minimum: Int? = nil, id: String? = nil
    ) {
        self.id = id
        self.metricCode = metricCode
        self.model = model
        self.filters = filters
        self.groupKeys = groupKeys
        self.minimum = minimum
    }
}

/// A price for the events whose properties take one of the listed values for every key.
public struct ChargeFilter: Sendable, Hashable {
    /// Property → the values that match (`{"region": ["eu", "uk"]}`).
    public var values: [String: [String]]
    /// The price of the matching events.
    public var model: ChargeModel

    /// Creates a filter.
    public init(values: [String: [String]], model: ChargeModel) {
        self.values = values
        self.model = model
    }
}

extension Charge {
    /// A charge as lago-api serializes it (`billable_metric_code`, `charge_model`, `properties`, `filters`,
    /// `min_amount_cents`), or as `config.toml` writes it (`metric` for the code); errors name the key at `path`.
    public init(lago charge: JSONValue, at path: String) throws(UsageError) {
        guard let code = (charge["billable_metric_code"] ?? charge["metric"])?.stringValue, !code.isEmpty else {
            throw UsageError(.invalidInput, "\(path): metric is missing")
        }
        guard let name = charge["charge_model"]?.stringValue else {
            throw UsageError(.invalidInput, "\(path).charge_model is missing")
        }
        guard ChargeModel.lagoNames.contains(name) else { throw ChargeModel.unknown(name, at: "\(path).charge_model") }
        let properties = charge["properties"] ?? .object([])
        let model = try ChargeModel(lago: name, properties: properties, at: "\(path).properties")
        var filters: [ChargeFilter] = []
        for (index, filter) in (charge["filters"]?.arrayValue ?? []).enumerated() {
            let at = "\(path).filters[\(index + 1)]"
            guard case .object(let pairs)? = filter["values"], !pairs.isEmpty else {
                throw UsageError(.invalidInput, "\(at).values must name at least one property and its values")
            }
            var values: [String: [String]] = [:]
            for (key, listed) in pairs {
                let texts = listed.arrayValue?.compactMap(\.stringValue) ?? listed.stringValue.map { [$0] } ?? []
                guard !texts.isEmpty else { throw UsageError(.invalidInput, "\(at).values.\(key) lists no values") }
                values[key] = texts
            }
            let own = try ChargeModel(
                lago: name, properties: filter["properties"] ?? properties, at: "\(at).properties")
            filters.append(ChargeFilter(values: values, model: own))
        }
        let groups = (properties["pricing_group_keys"] ?? properties["grouped_by"])?.arrayValue ?? []
        var minimum: Int?
        if let value = charge["min_amount_cents"], value != .null {
            guard let cents = value.intValue, cents >= 0 else {
                throw UsageError(.invalidInput, "\(path).min_amount_cents must be a whole number of minor units")
            }
            minimum = cents > 0 ? cents : nil
        }
        self.init(
            metricCode: code, model: model, filters: filters, groupKeys: groups.compactMap(\.stringValue),
            minimum: minimum, id: (charge["lago_id"] ?? charge["code"])?.stringValue)
    }
}
