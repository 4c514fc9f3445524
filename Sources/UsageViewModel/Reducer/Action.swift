import Foundation
import UsageCore

/// Something that happened: a key, a resize, a clock tick or data arriving. Named for events, not intents.
public enum Action: Sendable {
    /// The dashboard started at a size.
    case started(now: Date, width: Int, height: Int)
    /// A key was pressed.
    case keyPressed(Key)
    /// The terminal changed size.
    case resized(width: Int, height: Int)
    /// Time passed.
    case ticked(Date)
    /// The source description arrived.
    case sourceLoaded(Result<SourceInfo, UsageError>)
    /// Metrics arrived.
    case metricsLoaded(Result<[Metric], UsageError>)
    /// Some customers-table rows arrived, with how many of how many are done (the full answer follows).
    case customersArriving(RequestID, SummaryProgress)
    /// Every customer's total of a side-by-side metric arrived.
    case sideTotalsLoaded(RequestID, metricCode: String, Result<[CustomerSummary], UsageError>)
    /// Customers-table rows arrived.
    case customersLoaded(RequestID, Result<[CustomerSummary], UsageError>)
    /// A customer's usage arrived.
    case usageLoaded(RequestID, Result<CustomerUsage, UsageError>)
    /// A series arrived.
    case timeseriesLoaded(RequestID, Result<TimeSeries, UsageError>)
    /// A breakdown by property arrived.
    case breakdownLoaded(RequestID, Result<BreakdownAnswer, UsageError>)
    /// A view was written to a file (its path), or could not be.
    case fileWritten(Result<String, UsageError>, summary: String)
    /// A theme was applied (nil), or could not be.
    case themeApplied(String, UsageError?)
    /// Another profile's data service is in place, or could not be opened.
    case profileOpened(String, Result<ProfileInfo, UsageError>)
    /// A page of events arrived.
    case eventsLoaded(RequestID, Result<Page<UsageEvent>, UsageError>)
}
