import Foundation
import UsageCore

/// The breakdown view: one metric's usage split by the values of an event property.
public struct BreakdownState: Sendable, Equatable {
    /// The customer.
    public var customerID: String
    /// The customer's name.
    public var customerName: String
    /// The metric split.
    public var metric: Metric
    /// The period split (a chart bucket drilled into), nil for the dashboard's period.
    public var period: Period?
    /// The property asked for, nil to let the first answer pick one from the events.
    public var key: String?
    /// The properties the events carry (`Tab` cycles through them), as last answered.
    public var keys: [String] = []
    /// The breakdown, as loaded.
    public var data = Loadable<BreakdownAnswer>()
    /// Selection over the rows.
    public var cursor = ListCursor()

    /// The rows, largest first.
    public var rows: [BreakdownRow]? { data.value?.rows }
    /// The last failure.
    public var error: String? { data.error }

    /// Creates the state.
    public init(customerID: String, customerName: String, metric: Metric, period: Period?) {
        self.customerID = customerID
        self.customerName = customerName
        self.metric = metric
        self.period = period
    }
}

/// A breakdown as it arrives: the property split by, the properties found, the rows.
public struct BreakdownAnswer: Sendable, Hashable {
    /// The property split by.
    public var key: String
    /// The properties the events carry.
    public var keys: [String]
    /// The rows, largest first.
    public var rows: [BreakdownRow]
    /// The period before, of the same length, that each value's change is measured against (nil when the source
    /// splits its own billing periods).
    public var before: Period?
    /// Each value's total over `before` (nil key: the events without the property); a value missing had none.
    public var previous: [String?: Decimal]?

    /// Creates an answer.
    public init(key: String, keys: [String], rows: [BreakdownRow]) {
        self.key = key
        self.keys = keys
        self.rows = rows
    }
}
