/// Everything the customer-usage screen shows: totals per metric and a series per metric.
public struct CustomerUsage: Sendable, Hashable {
    /// The customer.
    public var customer: Customer
    /// Totals in metric order.
    public var totals: [UsageTotal]
    /// Series by metric code (absent when the provider has no timeseries).
    public var series: [String: TimeSeries]
    /// What the periods cost, where the provider prices usage.
    public var bills: [Bill]

    /// Creates a usage overview.
    public init(customer: Customer, totals: [UsageTotal], series: [String: TimeSeries], bills: [Bill] = []) {
        self.customer = customer
        self.totals = totals
        self.series = series
        self.bills = bills
    }
}
