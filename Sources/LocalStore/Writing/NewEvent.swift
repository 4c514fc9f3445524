import Foundation
import UsageCore

/// A validated event ready to be written: the aggregated value is already extracted.
public struct NewEvent: Sendable, Hashable {
    /// The idempotency key.
    public var transactionID: String
    /// The customer id (never empty).
    public var customerID: String
    /// The metric code (a known metric).
    public var metricCode: String
    /// The aggregation of the metric, deciding which rollups use `value`.
    public var aggregation: Aggregation
    /// Milliseconds since the epoch, UTC.
    public var timestampMs: Int64
    /// `properties[field]` as exact decimal text (sum, max) or distinct key (unique_count); nil for count.
    public var value: String?
    /// The properties object as compact JSON.
    public var propertiesJSON: String
    /// `value` as a decimal, for sum and max metrics (parsed once, when the event was validated).
    public var number: Decimal?

    /// Creates a new event.
    public init(
        transactionID: String, customerID: String, metricCode: String, aggregation: Aggregation,
        timestampMs: Int64, value: String?, propertiesJSON: String, number: Decimal? = nil
    ) {
        self.transactionID = transactionID
        self.customerID = customerID
        self.metricCode = metricCode
        self.aggregation = aggregation
        self.timestampMs = timestampMs
        self.value = value
        self.propertiesJSON = propertiesJSON
        self.number = number ?? (aggregation == .sum || aggregation == .max ? value.flatMap(DecimalText.parse) : nil)
    }
}
