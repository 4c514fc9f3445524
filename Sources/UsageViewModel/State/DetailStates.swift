import KeyInput
import Foundation
import UsageCore

/// The customer usage view: totals and a sparkline per metric.
public struct CustomerUsageState: Sendable, Equatable {
    /// The customer id.
    public var customerID: String
    /// The name as shown in the customers table (until the usage arrives).
    public var customerName: String
    /// The usage, as loaded.
    public var data = Loadable<CustomerUsage>()
    /// Selection over metrics.
    public var cursor = ListCursor()
    /// Which panel keys act on: the totals, or the chart of the selected metric below them (`Tab`).
    public var focus = UsagePanel.table
    /// The bucket under the chart panel's cursor.
    public var chartCursor: Int?
    /// The same customer's usage over the period compared with (`c`), once loaded.
    public var previous: CustomerUsage?
    /// The period `previous` answers, or its load in flight asks.
    var comparedPeriod: Period?
    /// The load of `previous` in flight.
    var compareRequest: RequestID?

    /// The loaded usage, if any.
    public var usage: CustomerUsage? { data.value }
    /// The last failure.
    public var error: String? { data.error }

    /// The series of the selected metric, drawn in the chart panel.
    public var selectedSeries: (metric: Metric, series: TimeSeries)? {
        guard let usage, usage.totals.indices.contains(cursor.selected) else { return nil }
        let metric = usage.totals[cursor.selected].metric
        return usage.series[metric.code].map { (metric, $0) }
    }

    /// Creates the state for one customer.
    public init(customerID: String, customerName: String) {
        self.customerID = customerID
        self.customerName = customerName
    }
}

/// The panels of the customer usage view.
public enum UsagePanel: Sendable, Hashable {
    case table, chart
}

/// The timeseries view: one metric for one customer or (nil) all customers.
public struct TimeseriesState: Sendable, Equatable {
    /// The metric charted.
    public var metric: Metric
    /// The customer, or nil for all customers.
    public var customerID: String?
    /// The customer's name, or nil for all customers.
    public var customerName: String?
    /// The series, as loaded.
    public var data = Loadable<TimeSeries>()
    /// The bucket under the cursor (`←`/`→`), nil until one is chosen.
    public var cursor: Int?
    /// The time under the cursor while the chart reloads in another bucket size (`b`): the new chart's cursor
    /// lands on the bucket holding it.
    public var cursorTime: Date?
    /// The same chart over the period compared with (`c`), once loaded: the readout sets a bucket beside the one
    /// as far into that period.
    public var previous: TimeSeries?
    /// The period `previous` answers, or its load in flight asks.
    var comparedPeriod: Period?
    /// The load of `previous` in flight.
    var compareRequest: RequestID?

    /// The loaded series, if any.
    public var series: TimeSeries? { data.value }
    /// The last failure (including "not offered by").
    public var error: String? { data.error }

    /// Creates the state.
    public init(metric: Metric, customerID: String?, customerName: String?) {
        self.metric = metric
        self.customerID = customerID
        self.customerName = customerName
    }
}

/// The events view: one page of raw events.
public struct EventsState: Sendable, Equatable {
    /// The customer.
    public var customerID: String
    /// The customer's name.
    public var customerName: String
    /// The metric.
    public var metric: Metric
    /// The page asked for (zero-based).
    public var pageIndex = 0
    /// The page size asked for.
    public var pageSize = 1
    /// The page, as loaded.
    public var data = Loadable<Page<UsageEvent>>()
    /// The selected row on the page.
    public var cursor = ListCursor()
    /// The events' own period (a chart bucket drilled into); nil for the dashboard's period.
    public var period: Period?
    /// The order and property conditions asked (newest first by default).
    public var query = EventQuery()
    /// The property filter being typed (`f`), nil when not editing.
    public var filterDraft: String?
    /// The search text being typed (`/`), nil when not editing.
    public var searchDraft: String?
    /// The date or time being typed (`@`), nil when not editing.
    public var jumpDraft: String?
    /// The time being jumped to while its position is counted; the answer moves to its page.
    public var locating: Date?
    /// The row to select once the page jumped to arrives.
    public var pendingRow: Int?
    /// Every value each property takes over the whole period, with its event count (from the provider's breakdowns),
    /// for completing and explaining a filter; nil until asked when a filter is first typed.
    public var propertyValues: [String: [BreakdownRow]]?
    /// The request for `propertyValues` in flight.
    public var valuesRequest: RequestID?
    /// Keys typed into the filter after a `Tab` that waits for `propertyValues`, replayed when they arrive.
    public var heldKeys: [Key]?

    /// The loaded page, if any.
    public var page: Page<UsageEvent>? { data.value }

    /// What an empty page says: no events in the period, or the filter that found none, with the values its key
    /// does take over the period (or the properties there are, when no event has that key).
    public var emptyNote: String {
        let plain = "no \(metric.code) events\(query.matches.isEmpty ? "" : " matching the filter") in this period"
        guard let values = propertyValues, !values.isEmpty else { return plain }
        for match in query.matches {
            guard let rows = values[match.key] else {
                return
                    "no event has a property '\(match.key)'; properties: \(values.keys.sorted().joined(separator: ", "))"
            }
            guard !rows.contains(where: { $0.value == match.value }) else { continue }
            let seen = rows.prefix(8).map { "\($0.value ?? "") (\($0.events))" }.joined(separator: ", ")
            return "no events with \(match.text) in this period; \(match.key) values seen: \(seen)"
                + (rows.count > 8 ? ", …" : "")
        }
        return plain
    }
    /// The last failure.
    public var error: String? { data.error }

    /// Creates the state.
    public init(customerID: String, customerName: String, metric: Metric, period: Period? = nil) {
        self.customerID = customerID
        self.customerName = customerName
        self.metric = metric
        self.period = period
    }
}
