import Foundation

/// One raw usage event as ingested.
public struct UsageEvent: Sendable, Hashable {
    /// The idempotency key (Lago's `transaction_id`).
    public var transactionID: String
    /// The customer the event belongs to.
    public var customerID: String
    /// The metric code.
    public var metricCode: String
    /// When the usage happened.
    public var timestamp: Date
    /// The event's properties as parsed JSON (an object).
    public var properties: JSONValue

    /// Creates an event.
    public init(transactionID: String, customerID: String, metricCode: String, timestamp: Date, properties: JSONValue) {
        self.transactionID = transactionID
        self.customerID = customerID
        self.metricCode = metricCode
        self.timestamp = timestamp
        self.properties = properties
    }
}
