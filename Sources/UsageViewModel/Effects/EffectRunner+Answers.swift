import Foundation
import UsageCore

extension EffectRunner {
    /// Asks the data service `request`; rows of a long customers table are reported to `progress` as they come.
    func answer(
        _ request: Request, service: DataService, memo: RankMemo, progress: SummaryProgressHandler? = nil
    ) async -> Answer {
        switch request {
        case .source:
            return .source(await Result { () async throws(UsageError) in try await service.sourceInfo() })
        case .metrics:
            return .metrics(await Result { () async throws(UsageError) in try await service.metrics() })
        case .customers(let metric, let period, let now):
            return .customers(
                await Result { () async throws(UsageError) in
                    try await service.summaries(
                        metric: metric, period: period, trailingDays: Layout.sparklineDays, now: now, progress: progress
                    )
                })
        case .sideTotals(let metric, let period):
            return .sideTotals(
                metricCode: metric.code,
                await Result { () async throws(UsageError) in
                    try await service.summaries(
                        metric: metric, period: period, trailingDays: 0, now: period.end, priced: false)
                })
        case .usage(let customerID, let period, let bucket):
            return .usage(
                await Result { () async throws(UsageError) in
                    try await service.customerUsage(customerID: customerID, period: period, bucket: bucket)
                })
        case .timeseries(let metric, let customerID, let period, let bucket):
            return .timeseries(
                metricCode: metric.code,
                await Result { () async throws(UsageError) in
                    try await service.timeseries(metric: metric, customerID: customerID, period: period, bucket: bucket)
                })
        case .events(let customerID, let metric, let period, let page, let pageSize, let query):
            return .events(
                await Result { () async throws(UsageError) in
                    try await service.events(
                        customerID: customerID, metric: metric, period: period, page: page, pageSize: pageSize,
                        query: query)
                })
        case .breakdown(let customerID, let metric, let period, let key, let before):
            return .breakdown(
                await Result { () async throws(UsageError) in
                    try await Self.breakdown(
                        service, customerID: customerID, metric: metric, period: period, key: key, before: before)
                })
        case .propertyValues(let customerID, let metric, let period):
            return .propertyValues(
                await Result { () async throws(UsageError) in
                    try await Self.propertyValues(service, customerID: customerID, metric: metric, period: period)
                })
        case .reconcile(let customerID, let period):
            return .reconcile(
                await Result { () async throws(UsageError) in
                    try await service.reconcile(customerID: customerID, period: period)
                })
        case .board(let metric, let period, let previous, let now):
            return .board(
                metricCode: metric.code,
                await Result { () async throws(UsageError) in
                    let current = try await service.summaries(
                        metric: metric, period: period, trailingDays: Layout.monitorSparklineDays, now: now)
                    var before: [CustomerSummary]?
                    if let previous, current.allSatisfy(\.periods.isEmpty) {
                        before = try await service.summaries(
                            metric: metric, period: previous, trailingDays: 1, now: now)
                    }
                    return memo.rank(current: current, previous: before, metric: metric, period: period)
                })
        case .activity(let metrics, let baselineDays, let now):
            return .activity(
                await Result { () async throws(UsageError) in
                    try await service.activity(metrics: metrics, baselineDays: baselineDays, now: now)
                })
        }
    }

    /// The keys to split by (`DataService.propertyKeys`, the most telling first), the breakdown by `key` when the
    /// period's events carry it (else by the first key), and each value's total over `before`, the baseline of its
    /// change (none when the source splits its own billing periods).
    static func breakdown(
        _ service: DataService, customerID: String, metric: Metric, period: Period, key: String?, before: Period?
    ) async throws(UsageError) -> BreakdownAnswer {
        let keys = try await service.propertyKeys(customerID: customerID, metric: metric, period: period)
        guard let chosen = key.flatMap({ keys.isEmpty || keys.contains($0) ? $0 : nil }) ?? keys.first else {
            throw UsageError(
                .notFound,
                "nothing to break \(metric.code) down by in this period (no event properties, filters or groups)")
        }
        let rows = try await service.breakdown(customerID: customerID, metric: metric, period: period, by: chosen)
        var answer = BreakdownAnswer(key: chosen, keys: keys.contains(chosen) ? keys : [chosen] + keys, rows: rows)
        if let before, rows.allSatisfy({ $0.periods.isEmpty }) {
            let earlier = try await service.breakdown(
                customerID: customerID, metric: metric, period: before, by: chosen, priced: false)
            answer.before = before
            answer.previous = Dictionary(earlier.map { ($0.value, $0.total) }, uniquingKeysWith: +)
        }
        return answer
    }

    /// Every value of each property the period's events carry (the provider's own keys, else those of the first 100
    /// events), split unpriced over the whole period.
    static func propertyValues(_ service: DataService, customerID: String, metric: Metric, period: Period)
        async throws(UsageError) -> [String: [BreakdownRow]]
    {
        let keys = try await service.propertyKeys(customerID: customerID, metric: metric, period: period)
        var values: [String: [BreakdownRow]] = [:]
        for key in keys.prefix(20) {
            values[key] = try await service.breakdown(
                customerID: customerID, metric: metric, period: period, by: key, priced: false
            ).filter { $0.value != nil }
        }
        return values
    }
}
