import Foundation
import UsageCore

/// Performs the monitor's effects against the data service and reports each outcome as a `MonitorAction`.
public final class MonitorEffectRunner: Sendable {
    private let service: DataService
    private let tasks = TaskTable()
    private let memo = RankMemo()

    /// Creates a runner over `service`.
    public init(service: DataService) {
        self.service = service
    }

    /// How many effect tasks are still running (zero once every answer has been sent).
    public var runningCount: Int { tasks.count }

    /// Waits until every effect task has ended (for tests: no polling, however busy the machine).
    public func waitUntilIdle() async { await tasks.waitForAll() }

    /// Starts a batch in order; a leading `invalidateCache` or `revalidateCache` completes before the others start.
    public func run(_ effects: [MonitorEffect], send: @escaping @Sendable (MonitorAction) -> Void) {
        guard let first = effects.first, first == .invalidateCache || first == .revalidateCache else {
            effects.forEach { start($0, send: send) }
            return
        }
        let rest = Array(effects.dropFirst())
        Task.detached { [service, memo] in
            _ = await Self.perform(first, service: service, memo: memo)
            rest.forEach { self.start($0, send: send) }
        }
    }

    private func start(_ effect: MonitorEffect, send: @escaping @Sendable (MonitorAction) -> Void) {
        if effect == .quit { return tasks.cancelAll() }
        tasks.start(effect.requestID) { [service, memo] in
            if let action = await Self.perform(effect, service: service, memo: memo), !Task.isCancelled { send(action) }
        }
    }

    /// Performs one effect and returns its action (for tests and simulations that drive the clock themselves).
    public func perform(_ effect: MonitorEffect) async -> MonitorAction? {
        await Self.perform(effect, service: service, memo: memo)
    }

    static func perform(_ effect: MonitorEffect, service: DataService, memo: RankMemo) async -> MonitorAction? {
        switch effect {
        case .loadSource(let id):
            return .sourceLoaded(id, await Result { () async throws(UsageError) in try await service.sourceInfo() })
        case .loadMetrics(let id):
            return .metricsLoaded(id, await Result { () async throws(UsageError) in try await service.metrics() })
        case .loadBoard(let id, let metric, let period, let previous, let now):
            return .boardLoaded(
                id, metricCode: metric.code,
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
        case .loadSeries(let id, let metric, let period, let bucket):
            return .seriesLoaded(
                id, metricCode: metric.code,
                await Result { () async throws(UsageError) in
                    try await service.timeseries(metric: metric, customerID: nil, period: period, bucket: bucket)
                })
        case .loadActivity(let id, let metrics, let baselineDays, let now):
            return .activityLoaded(
                id,
                await Result { () async throws(UsageError) in
                    try await service.activity(metrics: metrics, baselineDays: baselineDays, now: now)
                })
        case .invalidateCache:
            await service.invalidate()
            return nil
        case .revalidateCache:
            await service.revalidate(forgettingUntokened: true)
            return nil
        case .quit:
            return nil
        }
    }
}
