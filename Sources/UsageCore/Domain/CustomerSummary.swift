import Foundation

/// A customers-table row: one customer with one metric's period total and recent daily values.
public struct CustomerSummary: Sendable, Hashable {
    /// The customer.
    public var customer: Customer
    /// The selected metric's total over the period.
    public var total: Decimal
    /// Daily values of the metric for the trailing days (oldest first).
    public var daily: [Decimal]
    /// The time of the customer's latest event of any metric, if any.
    public var lastEventAt: Date?

    /// Creates a summary row.
    public init(customer: Customer, total: Decimal, daily: [Decimal], lastEventAt: Date?) {
        self.customer = customer
        self.total = total
        self.daily = daily
        self.lastEventAt = lastEventAt
    }
}
