import Foundation

extension PlanPricer {
    /// `rows` of a breakdown with each value's part of the metric's cost under `plan`, in minor units that add up to
    /// the cost exactly. A charge without filters or groups has one price for every value: the cost is shared in
    /// proportion to units. One with filters or groups prices each value at its own fee's price: each fee's cost (from
    /// the events, `EventPricer.fees`) is shared among the values of its events, so a value in the EU filter carries
    /// the EU price (by `key` at `by`: the breakdown's property).
    static func priced(
        _ rows: [BreakdownRow], metric: Metric, plan: PricePlan, customerID: String, period: Period, by key: String,
        provider: any UsageProvider
    ) async throws -> [BreakdownRow] {
        let charges = plan.charges(for: metric.code)
        guard metric.aggregation.isAdditive, !charges.isEmpty, rows.allSatisfy({ $0.amount == nil }) else {
            return rows
        }
        let parts: [Int]?
        if charges.allSatisfy({ $0.filters.isEmpty && $0.groupKeys.isEmpty }) {
            let totals = UsageReport(totals: try await provider.totals(customerID: customerID, period: period))
            let report = try await priced(
                totals, plan: plan, customerID: customerID, period: period, provider: provider)
            parts = report.totals.first(where: { $0.metric.code == metric.code && $0.plan != nil })?.amountCents
                .map { apportion($0, by: rows.map(\.total)) }
        } else if let listing = provider as? any EventListing {
            parts = try await feeShares(
                rows, charges: charges, metric: metric, plan: plan, customerID: customerID, period: period, by: key,
                listing: listing)
        } else {
            parts = nil
        }
        guard let parts else { return rows }
        var priced = rows
        for index in rows.indices { priced[index].amount = Money(minorUnits: parts[index], currency: plan.currency) }
        return priced
    }

    /// Each row's share of every fee's cost over `period`: per billing month, each fee's charge to date at the part's
    /// end less at its start, shared among the rows by the units of the fee's events inside the part.
    private static func feeShares(
        _ rows: [BreakdownRow], charges: [Charge], metric: Metric, plan: PricePlan, customerID: String,
        period: Period, by key: String, listing: any EventListing
    ) async throws -> [Int]? {
        var parts = [Int](repeating: 0, count: rows.count)
        for (month, part) in billingMonths(overlapping: period) {
            let events = try await events(
                listing, customerID: customerID, metric: metric, period: Period(start: month.start, end: part.end))
            let before = events.filter { $0.timestamp < part.start }
            for charge in charges {
                let atStart = Dictionary(
                    EventPricer.fees(charge, metric: metric, events: before, currency: plan.currency).map {
                        ($0.id, $0.minorUnits)
                    }, uniquingKeysWith: { a, _ in a })
                for fee in EventPricer.fees(charge, metric: metric, events: events, currency: plan.currency) {
                    guard let end = fee.minorUnits, let start = atStart[fee.id] ?? 0 else { return nil }
                    let inside = fee.events.filter { part.contains($0.timestamp) }
                    let weights = rows.map { row in
                        EventPricer.units(
                            of: inside.filter { EventPricer.text($0.properties[key]) == row.value }, metric)
                            ?? 0
                    }
                    for (index, share) in apportion(end - start, by: weights).enumerated() { parts[index] += share }
                }
            }
        }
        return parts
    }

    /// `whole` minor units split in proportion to `weights`, rounded down and the rest handed out one unit at a time
    /// to the largest remainders (ties to the first), so the parts always add up to `whole`; all to the first when
    /// the weights are zero.
    public static func apportion(_ whole: Int, by weights: [Decimal]) -> [Int] {
        guard !weights.isEmpty else { return [] }
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return [whole] + Array(repeating: 0, count: weights.count - 1) }
        let exact = weights.map { Decimal(whole) * $0 / sum }
        var parts = exact.map { NSDecimalNumber(decimal: $0.rounded(0, .down)).intValue }
        let remainders = exact.indices.map { exact[$0] - Decimal(parts[$0]) }
        let order = exact.indices.sorted {
            remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1
        }
        for index in order.prefix(whole - parts.reduce(0, +)) { parts[index] += 1 }
        return parts
    }
}
