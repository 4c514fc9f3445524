import Foundation

/// Every customer's use of one metric over the last 60 minutes and the last 24 hours (rolling), with their
/// trailing daily baseline: what alert rules are checked against.
public struct MetricActivity: Sendable, Hashable {
    /// One customer's recent use.
    public struct CustomerUsage: Sendable, Hashable {
        /// The customer.
        public var customer: Customer
        /// Usage over the last 60 minutes.
        public var hour: Decimal
        /// Usage over the last 24 hours.
        public var day: Decimal
        /// Usage over the baseline days before today, when the provider reports daily values.
        public var baselineSum: Decimal?
        /// How many days `baselineSum` covers.
        public var baselineDays: Int

        /// Creates one customer's usage.
        public init(customer: Customer, hour: Decimal, day: Decimal, baselineSum: Decimal?, baselineDays: Int) {
            self.customer = customer
            self.hour = hour
            self.day = day
            self.baselineSum = baselineSum
            self.baselineDays = baselineDays
        }

        /// Mean daily usage over the baseline days.
        public var baselineDaily: Decimal? { baselineSum.map { $0 / Decimal(max(1, baselineDays)) } }
    }

    /// The metric.
    public var metric: Metric
    /// Every customer's use.
    public var customers: [CustomerUsage]

    /// Creates a metric's activity.
    public init(metric: Metric, customers: [CustomerUsage]) {
        self.metric = metric
        self.customers = customers
    }

    /// Builds activity from two customers-table answers: one over the last 60 minutes whose daily values cover the
    /// baseline days plus today (today last), and one over the last 24 hours (`day`; without it, today so far).
    public static func from(hour: [CustomerSummary], day: [CustomerSummary]?, metric: Metric, baselineDays: Int)
        -> MetricActivity
    {
        let dayTotals = Dictionary(day?.map { ($0.customer.id, $0.total) } ?? [], uniquingKeysWith: { a, _ in a })
        let rows = hour.map { summary -> CustomerUsage in
            let daily = summary.daily
            let today = dayTotals[summary.customer.id] ?? daily.last ?? 0
            var baseline: Decimal?
            if daily.count > baselineDays { baseline = daily.dropLast().suffix(baselineDays).reduce(0, +) }
            return CustomerUsage(
                customer: summary.customer, hour: summary.total,
                day: today,
                baselineSum: baseline, baselineDays: baseline == nil ? 0 : baselineDays)
        }
        return MetricActivity(metric: metric, customers: rows)
    }
}
