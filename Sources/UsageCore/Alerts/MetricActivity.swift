import Foundation

/// Every customer's use of one metric in the current UTC hour and day, with their trailing daily baseline:
/// what alert rules are checked against.
public struct MetricActivity: Sendable, Hashable {
    /// One customer's recent use.
    public struct CustomerUsage: Sendable, Hashable {
        /// The customer.
        public var customer: Customer
        /// Usage in the current UTC hour so far.
        public var hour: Decimal
        /// Usage in the current UTC day so far.
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

    /// Builds activity from two customers-table answers: one over the current hour whose daily values cover the
    /// baseline days plus today (today last), and optionally one over today for providers without daily values.
    public static func from(hour: [CustomerSummary], day: [CustomerSummary]?, metric: Metric, baselineDays: Int)
        -> MetricActivity
    {
        let dayTotals = Dictionary(day?.map { ($0.customer.id, $0.total) } ?? [], uniquingKeysWith: { a, _ in a })
        let rows = hour.map { summary -> CustomerUsage in
            let daily = summary.daily
            let today = daily.last ?? dayTotals[summary.customer.id] ?? 0
            var baseline: Decimal?
            if daily.count > baselineDays { baseline = daily.dropLast().suffix(baselineDays).reduce(0, +) }
            return CustomerUsage(
                customer: summary.customer, hour: summary.total,
                day: daily.isEmpty ? (dayTotals[summary.customer.id] ?? 0) : today,
                baselineSum: baseline, baselineDays: baseline == nil ? 0 : baselineDays)
        }
        return MetricActivity(metric: metric, customers: rows)
    }
}
