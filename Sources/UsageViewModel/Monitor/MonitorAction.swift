import Foundation
import UsageCore

/// Something that happened to the monitor: a key, a resize, a clock tick or data arriving.
public enum MonitorAction: Sendable {
    /// The monitor started at a size.
    case started(now: Date, width: Int, height: Int)
    /// A key was pressed.
    case keyPressed(Key)
    /// The terminal changed size.
    case resized(width: Int, height: Int)
    /// Time passed.
    case ticked(Date)
    /// The source description arrived.
    case sourceLoaded(RequestID, Result<SourceInfo, UsageError>)
    /// The metric list arrived.
    case metricsLoaded(RequestID, Result<[Metric], UsageError>)
    /// A metric's top customers arrived.
    case boardLoaded(RequestID, metricCode: String, Result<Leaderboard, UsageError>)
    /// A metric's all-customer series arrived.
    case seriesLoaded(RequestID, metricCode: String, Result<TimeSeries, UsageError>)
    /// Recent activity for the alert rules arrived.
    case activityLoaded(RequestID, Result<[MetricActivity], UsageError>)
}
