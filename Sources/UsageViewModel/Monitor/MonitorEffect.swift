import Foundation
import UsageCore

/// I/O the monitor's reducer asks for; `MonitorEffectRunner` performs it and answers with a `MonitorAction`.
public enum MonitorEffect: Sendable, Hashable {
    case loadSource(RequestID)
    case loadMetrics(RequestID)
    /// Top customers over `period`, compared with `previous` when given.
    case loadBoard(RequestID, metric: Metric, period: Period, previous: Period?, now: Date)
    case loadSeries(RequestID, metric: Metric, period: Period, bucket: Bucket)
    /// Current-hour and current-day use of `metrics`, with `baselineDays` of daily history.
    case loadActivity(RequestID, metrics: [Metric], baselineDays: Int, now: Date)
    /// Forget reusable answers so the loads that follow reach the provider (`r`). Runs before the rest of its batch.
    case invalidateCache
    /// Forget reusable answers unless the provider says nothing changed (a scheduled refresh). Runs first too.
    case revalidateCache
    case quit

    /// The request the effect answers, if any.
    public var requestID: RequestID? {
        switch self {
        case .loadSource(let id), .loadMetrics(let id), .loadBoard(let id, _, _, _, _), .loadSeries(let id, _, _, _),
            .loadActivity(let id, _, _, _):
            id
        case .invalidateCache, .revalidateCache, .quit:
            nil
        }
    }
}
