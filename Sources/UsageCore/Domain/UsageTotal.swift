import Foundation

/// One metric's total for one customer over a period.
public struct UsageTotal: Sendable, Hashable {
    /// The metric the total is for.
    public var metric: Metric
    /// The aggregated value, exact.
    public var value: Decimal
    /// The number of events behind the value, when the source reports it.
    public var eventCount: Int?
    /// The billed amount in minor units, when the source prices usage.
    public var amountCents: Int?
    /// The currency of `amountCents`.
    public var currency: String?

    /// Creates a total.
    public init(metric: Metric, value: Decimal, eventCount: Int?, amountCents: Int? = nil, currency: String? = nil) {
        self.metric = metric
        self.value = value
        self.eventCount = eventCount
        self.amountCents = amountCents
        self.currency = currency
    }
}
