import UsageCore

extension AppState {
    /// The periods the numbers on the current screen answer when the provider could not answer the period asked
    /// (Lago's billing periods, Prolifi's whole days), earliest first; empty when they answer exactly what was asked.
    /// Where some rows answer the period asked and others another, the period asked is one of them.
    public var answeredPeriods: [Period] {
        var periods: Set<Period> = []
        switch stack.last {
        case nil:
            let held = customers.holds
            guard held.asAsked, !held.periods.isEmpty else { return held.periods }
            periods = Set(held.periods + [resolvedPeriod])
        case .customerUsage(let usage)?:
            let totals = usage.usage?.totals ?? []
            for total in totals { if let period = total.period { periods.insert(period) } }
            if !periods.isEmpty, totals.contains(where: { $0.period == nil }) { periods.insert(resolvedPeriod) }
        case .timeseries(let chart)?:
            guard let series = chart.series, series.isPerBillingPeriod else { return [] }
            let points = series.points.compactMap { point in point.end.map { Period(start: point.start, end: $0) } }
            return resolvedPeriod.isMadeUp(of: points) ? [] : points
        case .breakdown(let split)?:
            return split.rows?.first?.periods ?? []
        case .events?, .reconcile?:
            return []
        }
        return periods.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }
}
