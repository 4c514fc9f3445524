import Foundation

/// One raw usage event as ingested.
public struct UsageEvent: Sendable, Hashable {
    /// The idempotency key (Lago's `transaction_id`), unique within the event's subscription.
    public var transactionID: String
    /// The customer the event belongs to.
    public var customerID: String
    /// The metric code.
    public var metricCode: String
    /// When the usage happened.
    public var timestamp: Date
    /// The event's properties as parsed JSON (an object).
    public var properties: JSONValue
    /// The subscription the event was sent for (Lago's `external_subscription_id`), when the source keys events by
    /// subscription: the same transaction id on two subscriptions is two events.
    public var subscriptionID: String?

    /// Creates an event.
    public init(
        transactionID: String, customerID: String, metricCode: String, timestamp: Date, properties: JSONValue,
        subscriptionID: String? = nil
    ) {
        self.transactionID = transactionID
        self.customerID = customerID
        self.metricCode = metricCode
        self.timestamp = timestamp
        self.properties = properties
        self.subscriptionID = subscriptionID
    }

    /// An event as a provider lists it (`transaction_id` or `id`, `timestamp` as ISO-8601 text or unix seconds), or
    /// why it cannot be read: an event the store could not place is named, never dropped without a word.
    public static func reading(
        id: JSONValue?, code: String?, timestamp: JSONValue?, customerID: String,
        properties: JSONValue?, subscriptionID: String? = nil
    ) -> Result<UsageEvent, Unreadable> {
        let idText = id.flatMap { value -> String? in
            switch value {
            case .string(let text) where !text.isEmpty: text
            case .number(let raw): raw
            default: nil
            }
        }
        guard let idText else { return .failure(Unreadable("an event without an id")) }
        guard let code, !code.isEmpty else { return .failure(Unreadable("event \(idText) names no metric code")) }
        guard let timestamp else { return .failure(Unreadable("event \(idText) has no timestamp")) }
        switch EventTime.milliseconds(from: timestamp) {
        case .success(let milliseconds):
            return .success(
                UsageEvent(
                    transactionID: idText, customerID: customerID, metricCode: code,
                    timestamp: UTCTime.date(milliseconds: milliseconds),
                    properties: properties ?? .object([]), subscriptionID: subscriptionID))
        case .failure(let rejection):
            return .failure(Unreadable("event \(idText): \(rejection.reason)"))
        }
    }

    /// Why a listed event cannot be read, as one line that names it.
    public struct Unreadable: Error, Sendable, Hashable {
        /// The line.
        public var reason: String

        /// A reason.
        public init(_ reason: String) { self.reason = reason }
    }
}
