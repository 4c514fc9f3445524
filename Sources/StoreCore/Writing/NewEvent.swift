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
    /// `value` as scaled units, for sum and max metrics (parsed once, when the event was validated).
    package var number: ScaledValue?
    /// The subscription the event was sent for (`external_subscription_id`), or "": a transaction id is unique within
    /// its subscription, as in Lago.
    public var subscriptionID = ""
    /// What validation changed and the report names (a NUL character kept as text), or nil.
    package var note: String?

    /// Creates a new event; a sum or max metric's `value` is read as a number here.
    public init(
        transactionID: String, customerID: String, metricCode: String, aggregation: Aggregation,
        timestampMs: Int64, value: String?, propertiesJSON: String
    ) {
        let number = aggregation == .sum || aggregation == .max ? value.flatMap(Self.number) : nil
        self.init(
            transactionID: transactionID, customerID: customerID, metricCode: metricCode, aggregation: aggregation,
            timestampMs: timestampMs, value: value, propertiesJSON: propertiesJSON, number: number)
    }

    /// Creates a new event whose number was already read.
    package init(
        transactionID: String, customerID: String, metricCode: String, aggregation: Aggregation,
        timestampMs: Int64, value: String?, propertiesJSON: String, number: ScaledValue?
    ) {
        self.transactionID = transactionID
        self.customerID = customerID
        self.metricCode = metricCode
        self.aggregation = aggregation
        self.timestampMs = timestampMs
        self.value = value
        self.propertiesJSON = propertiesJSON
        self.number = number
    }

    /// Decimal text as scaled units (every value the store accepts fits).
    package static func number(_ text: String) -> ScaledValue? {
        ScaledValue(text) ?? DecimalText.parse(text).flatMap { ScaledValue($0) }
    }
}
