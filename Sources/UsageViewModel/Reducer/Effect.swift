import Foundation
import UsageCore

/// I/O the reducer asks for; the effect runner performs it and answers with an `Action`.
public enum Effect: Sendable, Hashable {
    case loadSource
    case loadMetrics
    case loadCustomers(RequestID, metric: Metric, period: Period, now: Date)
    /// Every customer's total of another metric, for a column beside the chosen one.
    case loadSideTotals(RequestID, metric: Metric, period: Period)
    case loadUsage(RequestID, customerID: String, period: Period, bucket: Bucket)
    case loadTimeseries(RequestID, metric: Metric, customerID: String?, period: Period, bucket: Bucket)
    case loadEvents(
        RequestID, customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int, query: EventQuery)
    /// A metric split by an event property (nil: the first property the period's events carry).
    case loadBreakdown(RequestID, customerID: String, metric: Metric, period: Period, key: String?)
    /// Forget reusable answers so the loads that follow reach the provider (`r`). Runs before the rest of its batch.
    case invalidateCache
    /// Forget answers only if the provider's change token moved (automatic refresh: an unchanged local store costs
    /// one query; providers without a token are asked again). Runs before the rest of its batch.
    case revalidateCache
    /// Stop working on a request whose view was left.
    case cancel(RequestID)
    /// Put text on the clipboard (the terminal's, through OSC 52).
    case copy(String)
    /// Write a view to a new file (never over an existing one).
    case write(FileExport)
    /// Draw with another theme (`:theme`).
    case applyTheme(String)
    /// Switch to another `config.toml` profile's data (`:profile`).
    case openProfile(String)
    case quit
}
