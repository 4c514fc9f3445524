import Foundation
import Synchronization
import UsageCore

/// Performs effects against the data service and reports the outcome as actions. The only part of the
/// view-model layer that does I/O; the reducer stays pure.
public final class EffectRunner: Sendable {
    /// The data service; another profile's replaces it (`:profile`).
    private let current: Mutex<DataService>
    private let tasks = TaskTable()
    private let hooks: ProgramHooks

    /// Creates a runner over `service`; `hooks` copy to the clipboard, switch themes and open profiles.
    public init(service: DataService, hooks: ProgramHooks = ProgramHooks()) {
        current = Mutex(service)
        self.hooks = hooks
    }

    private var service: DataService { current.withLock { $0 } }

    /// Starts `effect`; `send` receives the resulting action (from any thread).
    public func run(_ effect: Effect, send: @escaping @Sendable (Action) -> Void) {
        switch effect {
        case .quit:
            tasks.cancelAll()
        case .cancel(let id):
            tasks.cancel(id)
        case .copy(let text):
            hooks.clipboard(text)
        case .applyTheme(let name):
            send(.themeApplied(name, hooks.applyTheme(name)))
        case .openProfile(let name):
            Task.detached { [self] in
                let opened = await hooks.openProfile(name)
                if case .success(let profile) = opened {
                    tasks.cancelAll()
                    current.withLock { $0 = profile.service }
                    if let theme = profile.theme, hooks.applyTheme(theme) == nil { send(.themeApplied(theme, nil)) }
                }
                send(
                    .profileOpened(
                        name,
                        opened.map {
                            ProfileInfo(
                                providerName: $0.service.providerName,
                                capabilities: $0.service.capabilities)
                        }))
            }
        case .write(let export):
            // A blocking write: on a thread of its own, never on the cooperative pool.
            Thread {
                send(
                    .fileWritten(
                        Result { () throws(UsageError) in try ExportWriter.write(export) }, summary: export.summary))
            }
            .start()
        default:
            tasks.start(effect.requestID) { [service] in
                if let action = await Self.perform(effect, service: service, send: send), !Task.isCancelled {
                    send(action)
                }
            }
        }
    }

    /// Starts a batch of effects in order; a leading `invalidateCache` or `revalidateCache` completes before the others
    /// start.
    public func run(_ effects: [Effect], send: @escaping @Sendable (Action) -> Void) {
        guard let first = effects.first, first == .invalidateCache || first == .revalidateCache else {
            effects.forEach { run($0, send: send) }
            return
        }
        let rest = Array(effects.dropFirst())
        Task.detached { [service] in
            if first == .invalidateCache {
                await service.invalidate()
            } else {
                await service.revalidate(forgettingUntokened: true)
            }
            rest.forEach { self.run($0, send: send) }
        }
    }

    /// Performs `effect` and waits for its action (for headless use and tests).
    public func perform(_ effect: Effect) async -> Action? {
        await Self.perform(effect, service: service)
    }

    static func perform(_ effect: Effect, service: DataService, send: (@Sendable (Action) -> Void)? = nil) async
        -> Action?
    {
        if effect.requestID != nil || effect == .loadMetrics {
            // Answers kept until the store changes must not outlive a change made by another process.
            await service.revalidate(forgettingUntokened: false)
        }
        switch effect {
        case .loadSource:
            return .sourceLoaded(await Result { () async throws(UsageError) in try await service.sourceInfo() })
        case .loadMetrics:
            return .metricsLoaded(await Result { () async throws(UsageError) in try await service.metrics() })
        case .loadCustomers(let id, let metric, let period, let now):
            var progress: SummaryProgressHandler?
            if let send {
                progress = { @Sendable (report: SummaryProgress) in
                    if !Task.isCancelled { send(Action.customersArriving(id, report)) }
                }
            }
            return .customersLoaded(
                id,
                await Result { () async throws(UsageError) in
                    try await service.summaries(
                        metric: metric, period: period, trailingDays: Layout.sparklineDays, now: now, progress: progress
                    )
                })
        case .loadSideTotals(let id, let metric, let period):
            return .sideTotalsLoaded(
                id, metricCode: metric.code,
                await Result { () async throws(UsageError) in
                    try await service.summaries(metric: metric, period: period, trailingDays: 0, now: period.end)
                })
        case .loadUsage(let id, let customerID, let period, let bucket):
            return .usageLoaded(
                id,
                await Result { () async throws(UsageError) in
                    try await service.customerUsage(customerID: customerID, period: period, bucket: bucket)
                })
        case .loadTimeseries(let id, let metric, let customerID, let period, let bucket):
            return .timeseriesLoaded(
                id,
                await Result { () async throws(UsageError) in
                    try await service.timeseries(metric: metric, customerID: customerID, period: period, bucket: bucket)
                })
        case .loadEvents(let id, let customerID, let metric, let period, let page, let pageSize, let query):
            return .eventsLoaded(
                id,
                await Result { () async throws(UsageError) in
                    try await service.events(
                        customerID: customerID, metric: metric, period: period, page: page, pageSize: pageSize,
                        query: query)
                })
        case .loadBreakdown(let id, let customerID, let metric, let period, let key):
            return .breakdownLoaded(
                id,
                await Result { () async throws(UsageError) in
                    try await breakdown(service, customerID: customerID, metric: metric, period: period, key: key)
                })
        case .invalidateCache:
            await service.invalidate()
            return nil
        case .revalidateCache:
            await service.revalidate(forgettingUntokened: true)
            return nil
        case .cancel, .quit, .copy, .write, .applyTheme, .openProfile:
            return nil
        }
    }
}

extension Effect {
    /// The request an effect answers, if any.
    var requestID: RequestID? {
        switch self {
        case .loadCustomers(let id, _, _, _), .loadSideTotals(let id, _, _), .loadUsage(let id, _, _, _),
            .loadTimeseries(let id, _, _, _, _),
            .loadEvents(let id, _, _, _, _, _, _), .loadBreakdown(let id, _, _, _, _), .cancel(let id):
            id
        case .loadSource, .loadMetrics, .quit, .invalidateCache, .revalidateCache, .copy, .write, .applyTheme,
            .openProfile:
            nil
        }
    }
}

extension Result where Failure == UsageError {
    /// Captures the outcome of an async throwing call.
    init(catching body: () async throws(UsageError) -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}

extension EffectRunner {
    /// The keys to split by (the provider's own, else the properties the period's newest events carry), and the
    /// breakdown by `key` (else by the first of them).
    static func breakdown(_ service: DataService, customerID: String, metric: Metric, period: Period, key: String?)
        async throws(UsageError) -> BreakdownAnswer
    {
        var keys: [String] = []
        if let own = try await service.breakdownKeys(customerID: customerID, metric: metric, period: period) {
            keys = own
        } else {
            let sample = try await service.events(
                customerID: customerID, metric: metric, period: period, page: 0, pageSize: 100)
            for event in sample.items {
                guard case .object(let fields) = event.properties else { continue }
                for (name, _) in fields where !keys.contains(name) { keys.append(name) }
            }
        }
        guard let chosen = key ?? keys.first else {
            throw UsageError(
                .notFound,
                "nothing to break \(metric.code) down by in this period (no event properties, filters or groups)")
        }
        let rows = try await service.breakdown(customerID: customerID, metric: metric, period: period, by: chosen)
        return BreakdownAnswer(key: chosen, keys: keys.contains(chosen) ? keys : [chosen] + keys, rows: rows)
    }
}
