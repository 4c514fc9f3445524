import Foundation

extension PlanPricer {
    /// `series` with each bucket's cost under `plan`, for a metric whose buckets add up (a count or a sum) or whose
    /// units are the month's peak (a max): within a billing month the charge to date after a bucket is priced on the
    /// month's units before the period and the buckets so far (added up, or the largest), so the costs are
    /// differences of charges to date and the buckets of a month add up to its bill (a peak's cost falls on the day
    /// that raised it). Charges priced per filter value, per group or per transaction are priced from the month's
    /// events: a bucket costs the charge to date on the events before its end less on those before its start.
    static func priced(
        _ series: TimeSeries, metric: Metric, plan: PricePlan, customerID: String, period: Period,
        provider: any UsageProvider
    ) async throws -> TimeSeries {
        let charges = plan.charges(for: metric.code)
        let peak = metric.aggregation == .max
        let routes = charges.map { route($0, metric, provider, counts: false) }
        guard !charges.isEmpty, !series.isPerBillingPeriod, !routes.contains(.none) else { return series }
        guard routes.allSatisfy({ $0 == .totals }) else {
            guard let listing = provider as? any EventListing,
                [.count, .sum, .max, .uniqueCount].contains(metric.aggregation)
            else { return series }
            return try await pricedByEvents(
                series, metric: metric, plan: plan, customerID: customerID, period: period, listing: listing)
        }
        guard metric.aggregation.isAdditive || peak else { return series }
        var priced = series
        var month: Period?
        var toDate: Decimal?  // the month's units before the bucket; nil at the month's start
        for index in series.points.indices {
            let point = series.points[index]
            let current = Period.month(containing: point.start)  // the calendar month that bills the bucket
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

    /// `series` with each bucket's cost from the events of its billing month: the charges to date on the events
    /// before the bucket's end, less on those before its start (nothing before the month's start).
    private static func pricedByEvents(
        _ series: TimeSeries, metric: Metric, plan: PricePlan, customerID: String, period: Period,
        listing: any EventListing
    ) async throws -> TimeSeries {
        let charges = plan.charges(for: metric.code)
        var priced = series
        var month: Period?
        var events: [UsageEvent] = []  // the month's, in time order
        func toDate(_ end: Date) -> Int? {
            let before = Array(events.prefix { $0.timestamp < end })
            var sum = 0
            for charge in charges {
                guard
                    let cost = EventPricer.price(charge, metric: metric, events: before, currency: plan.currency)
                        .minorUnits
                else { return nil }
                sum += cost
            }
            return sum
        }
        for index in series.points.indices {
            let point = series.points[index]
            let current = Period.month(containing: point.start)  // the calendar month that bills the bucket
            if current != month {
                month = current
                events = try await Self.events(
                    listing, customerID: customerID, metric: metric,
                    period: Period(start: current.start, end: min(current.end, period.end))
                )
                .sorted { $0.timestamp < $1.timestamp }
            }
            let start = max(point.start, period.start)
            let end = min(series.bucket.advance(point.start), period.end, current.end)
            let atStart = start > current.start ? toDate(start) : 0
            let cost = toDate(end).flatMap { atEnd in atStart.map { atEnd - $0 } }
            priced.points[index].amount = cost.map { Money(minorUnits: $0, currency: plan.currency) }
        }
        return priced
    }
}
