import Foundation

extension PlanPricer {
    /// `rows` with each customer's cost of `metric` under their plan, where `book` prices it. Charges priced from
    /// units alone ask the customers table again per billing month for the usage to date (the same questions for
    /// every customer at once); charges priced per filter value, per group or per transaction are priced customer by
    /// customer from a breakdown or the events, as a customer's usage view prices them, for each customer with usage
    /// in the period (one without adds nothing to its charge to date).
    static func priced(
        _ rows: consuming [CustomerSummary], metric: Metric, period: Period, book: PlanBook, now: Date,
        provider: any UsageProvider
    ) async throws -> [CustomerSummary] {
        let priceable = rows.indices.filter {
            let plan = book.plan(for: rows[$0].customer.id)
            return rows[$0].amounts.isEmpty && rows[$0].periods.isEmpty
                && !(plan?.charges(for: metric.code).isEmpty ?? true)
                && (rows[$0].customer.currency.map { $0 == plan?.currency } ?? true)
                && plan?.charges(for: metric.code).allSatisfy({
                    route($0, metric, provider, counts: false) != .none
                }) == true
        }
        guard !priceable.isEmpty else { return rows }
        let byTotals = priceable.contains { index in
            book.plan(for: rows[index].customer.id)?.charges(for: metric.code).contains {
                route($0, metric, provider, counts: false) == .totals
            } == true
        }
        var costs = [Int?](repeating: 0, count: rows.count)
        for (month, part) in billingMonths(overlapping: period) {
            var through: [String: Decimal] = [:]
            var before: [String: Decimal]?
            if byTotals {
                through =
                    part == period && part.start == month.start
                    ? Dictionary(rows.map { ($0.customer.id, $0.total) }, uniquingKeysWith: { first, _ in first })
                    : try await totals(provider, metric, Period(start: month.start, end: part.end), now: now)
                before =
                    part.start > month.start
                    ? try await totals(provider, metric, Period(start: month.start, end: part.start), now: now) : nil
            }
            for index in priceable {
                let id = rows[index].customer.id
                guard let plan = book.plan(for: id) else { continue }
                var events: [UsageEvent]?
                for charge in plan.charges(for: metric.code) {
                    let cost: Int?
                    switch route(charge, metric, provider, counts: false) {
                    case .totals:
                        cost = Self.cost(
                            [charge], before: before.map { ($0[id] ?? 0, nil) }, through: (through[id] ?? 0, nil),
                            currency: plan.currency)
                    case _ where rows[index].total == 0:
                        cost = 0
                    case let detailed:
                        cost = try await partCost(
                            charge, by: detailed, metric: metric, month: month, part: part, customerID: id,
                            provider: provider, currency: plan.currency, events: &events)
                    }
                    costs[index] = costs[index].flatMap { sum in cost.map { sum + $0 } }
                }
            }
        }
        // The rows are this call's own (`consuming`): pricing them in place copies no table of 100,000 rows.
        var priced = consume rows
        for index in priceable {
            guard let cost = costs[index], let plan = book.plan(for: priced[index].customer.id) else { continue }
            priced[index].amounts = [Money(minorUnits: cost, currency: plan.currency)]
        }
        return priced
    }

    /// Every customer's total of `metric` over `period`, by customer id.
    private static func totals(_ provider: any UsageProvider, _ metric: Metric, _ period: Period, now: Date)
        async throws -> [String: Decimal]
    {
        let rows = try await provider.summaries(metric: metric, period: period, trailingDays: 0, now: now)
        return Dictionary(rows.map { ($0.customer.id, $0.total) }, uniquingKeysWith: { first, _ in first })
    }
}
