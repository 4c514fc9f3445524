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
            } else if charges.contains(where: {
                needsEvents($0, report.totals[index].metric, provider)
                    && !pricesByEvents($0, report.totals[index].metric, provider)
            }) {
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
                    if needsEvents(charge, metric, provider), let listing = provider as? any EventListing {
                        if monthEvents[metric.code] == nil {
                            monthEvents[metric.code] = try await events(
                                listing, customerID: customerID, metric: metric,
                                period: Period(start: month.start, end: part.end))
                        }
                        cost = eventCost(
                            charge, metric: metric, month: month, part: part, events: monthEvents[metric.code] ?? [],
                            currency: plan.currency)
                    } else if let key = filterKey(charge) {
                        cost = try await splitCost(
                            charge, key: key, metric: metric, month: month, part: part, customerID: customerID,
                            provider: provider, currency: plan.currency)
                    } else {
                        cost = Self.cost(
                            [charge], before: before.map { $0[metric.code] ?? (0, 0) },
                            through: through[metric.code] ?? (0, 0), currency: plan.currency)
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

    /// Whether `charge` cannot be priced from `metric`'s totals (or, for one-property filters, a breakdown) alone.
    private static func needsEvents(_ charge: Charge, _ metric: Metric, _ provider: any UsageProvider) -> Bool {
        unpriceable(charge, splitting: provider is any PropertyBreakdowns && metric.aggregation.isAdditive) != nil
    }

    /// Whether `charge` can be priced event by event (`EventPricer`): the provider lists events, the store's
    /// aggregation of them is exact, and every model is reproducible.
    private static func pricesByEvents(_ charge: Charge, _ metric: Metric, _ provider: any UsageProvider) -> Bool {
        provider is any EventListing && [.count, .sum, .max, .uniqueCount].contains(metric.aggregation)
            && ([charge.model] + charge.filters.map(\.model)).allSatisfy(\.isReproducible)
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
    private static func events(
        _ listing: any EventListing, customerID: String, metric: Metric, period: Period
    ) async throws -> [UsageEvent] {
        var events: [UsageEvent] = []
        _ = try await listing.forEachEventPage(
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

    /// `rows` with each customer's cost of `metric` under their plan, where `book` prices it: the customers table is
    /// asked again per billing month for the usage to date (the same questions for every customer at once).
    static func priced(
        _ rows: [CustomerSummary], metric: Metric, period: Period, book: PlanBook, now: Date,
        provider: any UsageProvider
    ) async throws -> [CustomerSummary] {
        let priceable = rows.indices.filter {
            let plan = book.plan(for: rows[$0].customer.id)
            return rows[$0].amounts.isEmpty && rows[$0].periods.isEmpty
                && !(plan?.charges(for: metric.code).isEmpty ?? true)
                && (rows[$0].customer.currency.map { $0 == plan?.currency } ?? true)
        }
        guard !priceable.isEmpty else { return rows }
        var costs = [Int?](repeating: 0, count: rows.count)
        for (month, part) in billingMonths(overlapping: period) {
            let through =
                part == period && part.start == month.start
                ? Dictionary(rows.map { ($0.customer.id, $0.total) }, uniquingKeysWith: { first, _ in first })
                : try await totals(provider, metric, Period(start: month.start, end: part.end), now: now)
            let before =
                part.start > month.start
                ? try await totals(provider, metric, Period(start: month.start, end: part.start), now: now) : nil
            for index in priceable {
                let id = rows[index].customer.id
                guard let plan = book.plan(for: id) else { continue }
                let cost = Self.cost(
                    plan.charges(for: metric.code), before: before.map { ($0[id] ?? 0, nil) },
                    through: (through[id] ?? 0, nil), currency: plan.currency)
                costs[index] = costs[index].flatMap { sum in cost.map { sum + $0 } }
            }
        }
        var priced = rows
        for index in priceable {
            guard let cost = costs[index], let plan = book.plan(for: rows[index].customer.id) else { continue }
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

extension PlanPricer {
    /// `series` with each bucket's cost under `plan`, for a metric whose buckets add up (a count or a sum) or whose
    /// units are the month's peak (a max): within a billing month the charge to date after a bucket is priced on the
    /// month's units before the period and the buckets so far (added up, or the largest), so the costs are
    /// differences of charges to date and the buckets of a month add up to its bill (a peak's cost falls on the day
    /// that raised it).
    static func priced(
        _ series: TimeSeries, metric: Metric, plan: PricePlan, customerID: String, period: Period,
        provider: any UsageProvider
    ) async throws -> TimeSeries {
        let charges = plan.charges(for: metric.code)
        let peak = metric.aggregation == .max
        guard !charges.isEmpty, metric.aggregation.isAdditive || peak, !series.isPerBillingPeriod,
            charges.allSatisfy({ unpriceable($0) == nil && !needsEvents($0) })
        else { return series }
        var priced = series
        var month: Period?
        var toDate: Decimal?  // the month's units before the bucket; nil at the month's start
        for index in series.points.indices {
            let point = series.points[index]
            guard
                let current = billingMonths(overlapping: Period(start: point.start, end: point.start + 1)).first?.month
            else { continue }
            if current != month {
                month = current
                let from = max(point.start, period.start)
                toDate =
                    from > current.start
                    ? try await provider.totals(customerID: customerID, period: Period(start: current.start, end: from))
                        .first { $0.metric.code == metric.code && $0.billedBy == nil }?.value ?? 0 : nil
            }
            let through = peak ? max(toDate ?? 0, point.value) : (toDate ?? 0) + point.value
            let cost = Self.cost(
                charges, before: toDate.map { ($0, nil) }, through: (through, nil), currency: plan.currency)
            priced.points[index].amount = cost.map { Money(minorUnits: $0, currency: plan.currency) }
            toDate = through
        }
        return priced
    }

    /// Whether a charge's price depends on how many events there were, which a series does not say.
    private static func needsEvents(_ charge: Charge) -> Bool {
        if case .percentage(let terms) = charge.model { return terms.fixedAmount != nil }
        return false
    }
}

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
