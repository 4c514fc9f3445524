import Foundation
import UsageCore

/// The monitor's top customers of one metric over a period, with the change against the period before.
public struct Leaderboard: Sendable, Hashable {
    /// One customer's line.
    public struct Row: Sendable, Hashable {
        /// The customer.
        public var customer: Customer
        /// The metric over the period.
        public var total: Decimal
        /// The metric over the comparison period, when the provider can answer it.
        public var previous: Decimal?
        /// Daily values over the trailing days, oldest first (empty when the provider has none).
        public var daily: [Decimal]
        /// The subscription the row stands for, when the customer's subscriptions answer different periods.
        public var subscription: String?

        /// The relative change against `previous` (0.25 for +25 %); nil without a previous value or from zero.
        /// Worked out once here, not on every frame.
        public let change: Decimal?

        /// Creates a row.
        public init(
            customer: Customer, total: Decimal, previous: Decimal?, daily: [Decimal], subscription: String? = nil
        ) {
            self.customer = customer
            self.subscription = subscription
            self.total = total
            self.previous = previous
            self.daily = daily
            if let previous, previous != 0 { change = (total - previous) / previous } else { change = nil }
        }
    }

    /// The metric.
    public var metric: Metric
    /// The period ranked over.
    public var period: Period
    /// Customers with usage in the period, largest first, at most `limit` of them.
    public var rows: [Row]
    /// How many customers had usage in the period.
    public var activeCustomers: Int
    /// The periods the numbers answer when the provider could not answer `period` (empty when they answer it).
    public var answeredPeriods: [Period]

    /// Creates a board.
    public init(metric: Metric, period: Period, rows: [Row], activeCustomers: Int, answeredPeriods: [Period] = []) {
        self.metric = metric
        self.period = period
        self.rows = rows
        self.activeCustomers = activeCustomers
        self.answeredPeriods = answeredPeriods
    }

    /// Ranks customers-table answers: usage in the period, ties by name then id, the top `limit` kept. Numbers of
    /// another period than the one asked (billing periods, whole days) are kept with their periods and never
    /// compared with a previous period.
    public static func rank(
        current: [CustomerSummary], previous: [CustomerSummary]?, metric: Metric, period: Period,
        limit: Int = 100
    ) -> Leaderboard {
        var periods = Set(current.flatMap(\.periods))
        if !periods.isEmpty, current.contains(where: \.periods.isEmpty) { periods.insert(period) }
        let answered = periods.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        let comparable = answered.isEmpty && !(previous ?? []).contains { !$0.periods.isEmpty }
        let before = (comparable ? previous : nil).map { rows in
            Dictionary(rows.map { ($0.customer.id, $0.total) }, uniquingKeysWith: { a, _ in a })
        }
        let active = current.filter { $0.total != 0 }
        let ranked = active.sorted { lhs, rhs in
            var a = lhs.total, b = rhs.total
            switch NSDecimalCompare(&a, &b) {  // one comparison instead of != then >
            case .orderedDescending: return true
            case .orderedAscending: return false
            case .orderedSame: return (lhs.customer.name, lhs.customer.id) < (rhs.customer.name, rhs.customer.id)
            }
        }
        let rows = ranked.prefix(limit).map { summary in
            Row(
                customer: summary.customer, total: summary.total,
                previous: before.map { $0[summary.customer.id] ?? 0 }, daily: Array(summary.daily),
                subscription: summary.subscription)
        }
        return Leaderboard(
            metric: metric, period: period, rows: Array(rows), activeCustomers: active.count,
            answeredPeriods: answered)
    }
}
