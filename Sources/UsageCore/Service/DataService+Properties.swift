extension DataService {
    /// The properties `metric`'s usage splits by over `period`, the most telling first: the provider's own keys
    /// (Lago's filters and groups); else the keys the customer's plan prices by (its charge's filters and groups),
    /// then those the first 100 events carry, text before numbers, those that take more than one value before those
    /// that take one, those the plan prices other metrics by before the rest, the most common first (the metric's own
    /// measured field, `gb` of a sum of `gb`, last).
    public func propertyKeys(customerID: String, metric: Metric, period: Period) async throws(UsageError) -> [String] {
        if let own = try await breakdownKeys(customerID: customerID, metric: metric, period: period) { return own }
        let sample = try await events(customerID: customerID, metric: metric, period: period, page: 0, pageSize: 100)
        var seen: [String] = []
        var counts: [String: Int] = [:], values: [String: Set<String>] = [:], numeric: Set<String> = []
        for event in sample.items {
            guard case .object(let fields) = event.properties else { continue }
            for (name, value) in fields {
                if counts[name] == nil { seen.append(name) }
                counts[name, default: 0] += 1
                if case .number = value { numeric.insert(name) }
                if values[name, default: []].count < 2 { values[name, default: []].insert(JSONWriter.compact(value)) }
            }
        }
        let plan = plans.plan(for: customerID)
        func pricing(_ charges: [Charge]) -> [String] {
            charges.flatMap { charge in charge.filters.flatMap { $0.values.keys.sorted() } + charge.groupKeys }
        }
        let priced = pricing(plan?.charges(for: metric.code) ?? [])
        let pricedElsewhere = Set(pricing(plan?.charges ?? []))  // what the business prices by, on any metric
        let first = priced.reduce(into: [String]()) { keys, key in if !keys.contains(key) { keys.append(key) } }
        let rank = { (key: String) in
            (
                key == metric.field ? 1 : 0, numeric.contains(key) ? 1 : 0, (values[key]?.count ?? 0) > 1 ? 0 : 1,
                pricedElsewhere.contains(key) ? 0 : 1, -(counts[key] ?? 0), seen.firstIndex(of: key) ?? 0
            )
        }
        let rest = seen.filter { !first.contains($0) }.sorted { rank($0) < rank($1) }
        return first.filter { seen.contains($0) || sample.items.isEmpty } + rest
    }
}
