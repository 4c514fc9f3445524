import Foundation
import UsageCore

/// One question to the data service, as a screen or panel asks it; the runner answers with an `Answer`.
public enum Request: Sendable, Hashable {
    /// Where the data comes from.
    case source
    /// The metric list.
    case metrics
    /// Every customer's use of `metric` over `period`, with daily sparklines up to `now`.
    case customers(metric: Metric, period: Period, now: Date)
    /// Every customer's total of another metric, for a column beside the chosen one.
    case sideTotals(metric: Metric, period: Period)
    /// One customer's use of every metric.
    case usage(customerID: String, period: Period, bucket: Bucket)
    /// One metric over time, for a customer or (nil) all customers.
    case timeseries(metric: Metric, customerID: String?, period: Period, bucket: Bucket)
    /// A page of raw events.
    case events(customerID: String, metric: Metric, period: Period, page: Int, pageSize: Int, query: EventQuery)
    /// A metric split by an event property (nil: the most telling property the period's events carry), with each
    /// value's total over `before` (the period it is compared with) when given.
    case breakdown(customerID: String, metric: Metric, period: Period, key: String?, before: Period?)
    /// Every value of each property `metric`'s events carry over `period`, with event counts (filter completion).
    case propertyValues(customerID: String, metric: Metric, period: Period)
    /// A customer's bills (nil: every customer's) checked against their events.
    case reconcile(customerID: String?, period: Period)
    /// Top customers over `period`, compared with `previous` when given.
    case board(metric: Metric, period: Period, previous: Period?, now: Date)
    /// Current-hour and current-day use of `metrics`, with `baselineDays` of daily history.
    case activity(metrics: [Metric], baselineDays: Int, now: Date)
}
