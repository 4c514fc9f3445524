import Foundation

extension PlanPricer {
    /// `report` with an amount on each total the provider left unpriced that `plan` prices: each billing month the
    /// period touches is asked for the customer's usage from the month's start to the part's end (and to its start,
    /// when the part starts later), and the difference of the charges to date is its cost.
    static func priced(
        _ report: UsageReport, plan: PricePlan, customerID: String, period: Period, provider: any UsageProvider
    ) async throws -> UsageReport {
        var report = report
        let unpricedByProvider = report.totals.indices.filter {
            let total = report.totals[$0]
            return total.amountCents == nil && total.billedBy == nil && total.period == nil
        }
        for index in unpricedByProvider {
            let charges = plan.charges(for: report.totals[index].metric.code)
            if charges.isEmpty {
                report.totals[index].unpriced = "no price"
            } else if let currency = report.totals[index].currency, currency != plan.currency {
                // A customer is billed in its own currency: a plan in another one does not bill it (Lago refuses it).
                report.totals[index].unpriced = "plan in \(plan.currency)"
            } else if charges.contains(where: { route($0, report.totals[index].metric, provider) == .none }) {
                report.totals[index].unpriced = "not priced"
            }
        }
        let open = unpricedByProvider.filter { report.totals[$0].unpriced == nil }
        guard !open.isEmpty else { return report }
        var costs = [Int?](repeating: 0, count: report.totals.count)
        var bills: [Bill] = []
        for (month, part) in billingMonths(overlapping: period) {
            var charged: [Charge: Int?] = [:]
            var monthEvents: [String: [UsageEvent]] = [:]  // read once per metric, for every charge priced by events
            // The usage to date at the part's end is the report's own when the part is the whole period asked and
            // starts its billing month ("this month"): no second read.
            let through =
                part == period && part.start == month.start
                ? Dictionary(
                    report.totals.filter { $0.billedBy == nil }.map { ($0.metric.code, ($0.value, $0.eventCount)) },
                    uniquingKeysWith: { first, _ in first })
                : try await usage(provider, customerID, Period(start: month.start, end: part.end))
            let before =
                part.start > month.start
                ? try await usage(provider, customerID, Period(start: month.start, end: part.start)) : nil
            for index in open {
                let metric = report.totals[index].metric
                for charge in plan.charges(for: metric.code) {
                    let cost: Int?
                    switch route(charge, metric, provider) {
                    case .totals:
                        cost = Self.cost(
                            [charge], before: before.map { $0[metric.code] ?? (0, 0) },
                            through: through[metric.code] ?? (0, 0), currency: plan.currency)
                    case let detailed:
                        cost = try await partCost(
                            charge, by: detailed, metric: metric, month: month, part: part, customerID: customerID,
                            provider: provider, currency: plan.currency, events: &monthEvents[metric.code])
                    }
                    costs[index] = costs[index].flatMap { sum in cost.map { sum + $0 } }
                    charged[charge] = cost
                }
            }
            if part == month, let bill = monthBill(plan, month: month, charged: charged) { bills.append(bill) }
        }
        var priced = report
        priced.bills += bills
        for index in open {
            guard let cost = costs[index] else { continue }
            priced.totals[index].amountCents = cost
            priced.totals[index].currency = plan.currency
            priced.totals[index].plan = plan.code
        }
        return priced
    }

    /// A whole billing month's bill under `plan`, when the plan has a fixed fee or a minimum commitment (else the
    /// amounts on the rows say it all): the charges' costs (`charged`, nil when one is unknown: no bill), the fee,
    /// and each minimum's true-up (a charge with no usage in the month bills its whole minimum).
    static func monthBill(_ plan: PricePlan, month: Period, charged: [Charge: Int?]) -> Bill? {
        guard plan.fee > 0 || plan.charges.contains(where: { $0.minimum != nil }) else { return nil }
        var usage = 0, trueUps = 0
        for charge in plan.charges {
            let cost: Int? = charged[charge] ?? 0
            guard let cost else { return nil }
            usage += cost
            if let minimum = charge.minimum {
                trueUps += ChargeAmount.trueUp(minimum: minimum, used: cost, billedDays: 1, periodDays: 1)
            }
        }
        let money = { (cents: Int) in Money(minorUnits: cents, currency: plan.currency) }
        var bill = Bill(period: month, isInvoiced: false, amount: money(usage + plan.fee + trueUps))
        bill.plan = plan.code
        bill.fee = plan.fee > 0 ? money(plan.fee) : nil
        bill.minimum = plan.charges.contains { $0.minimum != nil } ? money(trueUps) : nil
        return bill
    }

    /// How a charge's cost of a part of a billing month is found from a provider.
    enum Route: Equatable {
        /// From the metric's units (and event count) to date.
        case totals
        /// From a breakdown by the one property the charge's filters name.
        case breakdown(String)
        /// From the month's events, each priced as the provider would (`EventPricer`).
        case events
        /// Not at all from this provider.
        case none
    }

    /// How `charge` of `metric` is priced from `provider`; with `counts` false the usage to date comes without event
    /// counts (the customers table), so a fixed amount per transaction is priced from the events.
    static func route(_ charge: Charge, _ metric: Metric, _ provider: any UsageProvider, counts: Bool = true) -> Route {
        let splitting = provider is any PropertyBreakdowns && metric.aggregation.isAdditive
        var perTransaction = false
        if case .percentage(let terms) = charge.model { perTransaction = !counts && terms.fixedAmount != nil }
        if unpriceable(charge, splitting: splitting) != nil || perTransaction {
            let byEvents =
                provider is any EventListing && [.count, .sum, .max, .uniqueCount].contains(metric.aggregation)
                && ([charge.model] + charge.filters.map(\.model)).allSatisfy(\.isReproducible)
            return byEvents ? .events : .none
        }
        if let key = filterKey(charge) { return .breakdown(key) }
        return .totals
    }

    /// The cost of `part` of `month` under a charge priced `by` a breakdown or the events, for one customer;
    /// `events` holds the month's events of the metric to the part's end once read, for every charge priced by them.
    static func partCost(
        _ charge: Charge, by route: Route, metric: Metric, month: Period, part: Period, customerID: String,
        provider: any UsageProvider, currency: String, events: inout [UsageEvent]?
    ) async throws -> Int? {
        switch route {
        case .breakdown(let key):
            return try await splitCost(
                charge, key: key, metric: metric, month: month, part: part, customerID: customerID,
                provider: provider, currency: currency)
        case .events:
            guard let listing = provider as? any EventListing else { return nil }
            if events == nil {
                events = try await Self.events(
                    listing, customerID: customerID, metric: metric, period: Period(start: month.start, end: part.end))
            }
            return eventCost(
                charge, metric: metric, month: month, part: part, events: events ?? [], currency: currency)
        case .totals, .none:
            return nil
        }
    }

    /// The cost of `part` of `month` under a charge priced event by event (filters on several properties, groups,
    /// percentage charges priced transaction by transaction): `events`, the month's to the part's end, priced, less
    /// those before the part's start priced.
    private static func eventCost(
        _ charge: Charge, metric: Metric, month: Period, part: Period, events: [UsageEvent], currency: String
    ) -> Int? {
        guard let atEnd = EventPricer.price(charge, metric: metric, events: events, currency: currency).minorUnits
        else { return nil }
        guard part.start > month.start else { return atEnd }
        let before = events.filter { $0.timestamp < part.start }
        return EventPricer.price(charge, metric: metric, events: before, currency: currency).minorUnits.map {
            atEnd - $0
        }
    }

    /// Every event of a customer's metric over `period`, in the provider's order.
    static func events(
        _ listing: any EventListing, customerID: String, metric: Metric, period: Period
    ) async throws -> [UsageEvent] {
        var events: [UsageEvent] = []
        try await listing.forEachEventPage(
            customerID: customerID, metric: metric, period: period, subscription: nil
        ) { page in events += page.items }
        return events
    }

    /// The cost of `part` of `month` under a charge with one-property filters, from breakdowns by that property
    /// since the month began.
    private static func splitCost(
        _ charge: Charge, key: String, metric: Metric, month: Period, part: Period, customerID: String,
        provider: any UsageProvider, currency: String
    ) async throws -> Int? {
        guard let splitter = provider as? any PropertyBreakdowns else { return nil }
        func toDate(_ end: Date) async throws -> Int? {
            let rows = try await splitter.breakdown(
                customerID: customerID, metric: metric, period: Period(start: month.start, end: end), by: key)
            return Self.toDate(charge, rows: rows, key: key, currency: currency)
        }
        guard let atEnd = try await toDate(part.end) else { return nil }
        guard part.start > month.start else { return atEnd }
        return try await toDate(part.start).map { atEnd - $0 }
    }

    /// Units and event counts per metric code over `period`.
    private static func usage(_ provider: any UsageProvider, _ customerID: String, _ period: Period) async throws
        -> [String: (units: Decimal, events: Int?)]
    {
        var found: [String: (units: Decimal, events: Int?)] = [:]
        for total in try await provider.totals(customerID: customerID, period: period) where total.billedBy == nil {
            found[total.metric.code] = (total.value, total.eventCount)
        }
        return found
    }
}
