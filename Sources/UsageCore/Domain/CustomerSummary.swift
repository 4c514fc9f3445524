import Foundation

/// A customers-table row: one customer with one metric's period total and recent daily values.
public struct CustomerSummary: Sendable, Hashable {
    /// The customer.
    public var customer: Customer
    /// The selected metric's total over the period.
    public var total: Decimal
    /// Daily values of the metric for the trailing days (oldest first).
    public var daily: DailyValues
    /// The time of the customer's latest event of the selected metric, if any.
    public var lastEventAt: Date?
    /// What the selected metric's charges cost over the period, per currency, when the provider prices usage.
    public var amounts: [Money]
    /// The periods the numbers answer when the provider could not answer the one asked (each subscription's
    /// billing period, whole days); empty when they answer exactly the period asked.
    public var periods: [Period]
    /// The subscription the row is for, when a customer's subscriptions answer different stretches of time and are
    /// shown as rows of their own (`AnsweringPeriods`); nil for the customer's whole usage.
    public var subscription: String?

    /// Creates a summary row.
    public init(
        customer: Customer, total: Decimal, daily: [Decimal], lastEventAt: Date?, amounts: [Money] = [],
        periods: [Period] = []
    ) {
        self.init(
            customer: customer, total: total, dailyValues: DailyValues(daily), lastEventAt: lastEventAt,
            amounts: amounts, periods: periods)
    }

    /// Creates a summary row whose daily values are already compact.
    public init(
        customer: Customer, total: Decimal, dailyValues daily: DailyValues, lastEventAt: Date?,
        amounts: [Money] = [], periods: [Period] = []
    ) {
        self.customer = customer
        self.total = total
        self.daily = daily
        self.lastEventAt = lastEventAt
        self.amounts = amounts
        self.periods = periods
    }
}
