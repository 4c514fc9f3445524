import Foundation
import UsageCore

extension MonitorState {
    /// Applies an action and returns the I/O to perform. Pure: no clock, no I/O, no globals.
    public mutating func reduce(_ action: MonitorAction) -> [Effect] {
        switch action {
        case .started(let now, let width, let height):
            self.now = now
            self.width = width
            self.height = height
            nextRefreshAt = now.addingTimeInterval(Double(refreshSeconds))
            nextCycleAt = cycleSeconds.map { now.addingTimeInterval(Double($0)) }
            return refresh(nil)
        case .resized(let width, let height):
            self.width = width
            self.height = height
            return []
        case .ticked(let date):
            now = date
            if isLoading { spinnerFrame &+= 1 }
            // Refresh first: a metric change on the same tick must not hold the refresh back, and a refresh round
            // loads the new metric's board itself.
            return refreshIfDue() + cycleIfDue()
        case .keyPressed(let key):
            return press(key)
        case .answered(let id, let answer):
            return answered(id, answer)
        }
    }

    /// Lands an answer in the panel waiting for it.
    private mutating func answered(_ id: RequestID?, _ answer: Answer) -> [Effect] {
        switch answer {
        case .source(let result):
            source.land(id, result, now: now)
        case .metrics(let result):
            return metricsArrived(id, result)
        case .board(let code, let result):
            boards[code]?.land(id, result, now: now)
        case .timeseries(let code, let result):
            series[code]?.land(id, result, now: now)
        case .activity(let result):
            alerts.land(id, result.map { evaluated($0) }, now: now)
        case .customersArriving, .customers, .sideTotals, .usage, .events, .propertyValues, .breakdown, .reconcile,
            .fileWritten,
            .themeApplied,
            .profileOpened:
            break
        }
        return []
    }

    /// The alerts `activity` raises; an unchanged answer (the cached array again, compared by identity first) keeps
    /// the alerts already evaluated, so an idle refresh does no decimal arithmetic.
    private mutating func evaluated(_ activity: [MetricActivity]) -> [Alert] {
        if let last = lastActivity, last.activity == activity, last.rules == rules { return last.alerts }
        let alerts = rules.evaluate(activity)
        lastActivity = AlertMemo(activity: activity, rules: rules, alerts: alerts)
        return alerts
    }

    /// Starts a refresh round: the source and metric list first, the panels once the metrics are known; `cache`
    /// (invalidate or revalidate) runs before them.
    mutating func refresh(_ cache: Effect?) -> [Effect] {
        let sourceID = requests.issue(), metricsID = requests.issue()
        source.begin(sourceID)
        catalog.begin(metricsID)
        return (cache.map { [$0] } ?? []) + [.load(sourceID, .source), .load(metricsID, .metrics)]
    }

    /// On a tick: when a refresh is due, not paused and the previous round has finished, start the next one.
    mutating func refreshIfDue() -> [Effect] {
        guard !paused, now >= nextRefreshAt else { return [] }
        nextRefreshAt = now.addingTimeInterval(Double(refreshSeconds))
        guard !isLoading else { return [] }
        return refresh(.revalidateCache)
    }

    /// On a tick: move to the next metric when cycling is on and due.
    mutating func cycleIfDue() -> [Effect] {
        guard !paused, let seconds = cycleSeconds, let due = nextCycleAt, now >= due, metrics.count > 1 else {
            return []
        }
        nextCycleAt = now.addingTimeInterval(Double(seconds))
        return showMetric(at: metricIndex + 1)
    }

    /// Shows another metric (wrapping); loads its board unless one is already on the way.
    mutating func showMetric(at index: Int) -> [Effect] {
        guard !metrics.isEmpty else { return [] }
        metricIndex = ((index % metrics.count) + metrics.count) % metrics.count
        guard let metric, boards[metric.code]?.isLoading != true, !catalog.isLoading else { return [] }
        return loadBoard(metric)
    }

    private mutating func metricsArrived(_ id: RequestID?, _ result: Result<[Metric], UsageError>) -> [Effect] {
        let shown = metric?.code
        guard catalog.land(id, result, now: now), case .success(let list) = result else { return [] }
        metricIndex = list.firstIndex { $0.code == shown } ?? min(metricIndex, max(0, list.count - 1))
        let codes = Set(list.map(\.code))
        boards = boards.filter { codes.contains($0.key) }
        series = series.filter { codes.contains($0.key) }
        return loadPanels()
    }

    /// Loads every panel for the current metric list.
    mutating func loadPanels() -> [Effect] {
        var effects: [Effect] = []
        if let metric { effects += loadBoard(metric) }
        if capabilities.contains(.clientWideTimeseries) {
            let period = resolvedPeriod
            for metric in metrics {
                let id = requests.issue()
                series[metric.code, default: Loadable()].begin(id)
                let bucket = self.period.naturalBucket(now: now)
                effects.append(.load(id, .timeseries(metric: metric, customerID: nil, period: period, bucket: bucket)))
            }
        }
        if capabilities.contains(.hourlyTotals), !alertMetrics.isEmpty {
            let id = requests.issue()
            alerts.begin(id)
            effects.append(.load(id, .activity(metrics: alertMetrics, baselineDays: rules.baselineDays, now: now)))
        }
        return effects
    }

    private mutating func loadBoard(_ metric: Metric) -> [Effect] {
        let id = requests.issue()
        boards[metric.code, default: Loadable()].begin(id)
        let previous = capabilities.contains(.periodTotals) ? period.previousRolling(now: now) : nil
        return [.load(id, .board(metric: metric, period: resolvedPeriod, previous: previous, now: now))]
    }

    /// The metrics checked for alerts: not those a store keeps only as a provider's billed totals, whose numbers
    /// answer the provider's periods, never this hour.
    var alertMetrics: [Metric] {
        let watchable = metrics.filter { $0.billedBy == nil }
        if scansAllMetrics { return watchable }
        let limited = Set(rules.thresholds.map(\.metric))
        return watchable.filter { $0.code == metric?.code || limited.contains($0.code) }
    }
}
