import Foundation

/// When a customer's usage deserves attention: fixed limits per metric and window, and a rise above the
/// customer's own trailing daily baseline.
public struct AlertRules: Sendable, Hashable {
    /// A fixed limit on one metric's usage in the current hour and/or day, for every customer or one.
    public struct Threshold: Sendable, Hashable {
        /// The metric code the limit applies to.
        public var metric: String
        /// Only this customer, or every customer when nil.
        public var customerID: String?
        /// The most the current UTC hour may hold.
        public var hour: Decimal?
        /// The most the current UTC day may hold.
        public var day: Decimal?
        /// How loud the alert is.
        public var level: Alert.Level

        /// Creates a threshold.
        public init(
            metric: String, customerID: String? = nil, hour: Decimal? = nil, day: Decimal? = nil,
            level: Alert.Level = .error
        ) {
            self.metric = metric
            self.customerID = customerID
            self.hour = hour
            self.day = day
            self.level = level
        }
    }

    /// Fixed limits.
    public var thresholds: [Threshold]
    /// Usage above this many times the baseline raises a warning; nil turns baseline alerts off.
    public var baselineFactor: Decimal?
    /// Whole days before today that make the baseline (their mean daily value).
    public var baselineDays: Int
    /// Baselines below this are too small to compare against (a customer who sent 1 event a day).
    public var minimumBaseline: Decimal

    /// Creates rules; the defaults are a factor of 3 over a 7-day baseline of at least 10.
    public init(
        thresholds: [Threshold] = [], baselineFactor: Decimal? = 3, baselineDays: Int = 7,
        minimumBaseline: Decimal = 10
    ) {
        self.thresholds = thresholds
        self.baselineFactor = baselineFactor
        self.baselineDays = max(1, baselineDays)
        self.minimumBaseline = minimumBaseline
    }

    /// The alerts that `activity` raises, loudest and largest first.
    public func evaluate(_ activity: [MetricActivity]) -> [Alert] {
        var alerts: [Alert] = []
        for metricActivity in activity {
            let limits = thresholds.filter { $0.metric == metricActivity.metric.code }
            for usage in metricActivity.customers {
                if let alert = worst(usage, metric: metricActivity.metric, limits: limits) { alerts.append(alert) }
            }
        }
        return alerts.sorted { lhs, rhs in
            if lhs.level != rhs.level { return lhs.level == .error }
            if lhs.ratio != rhs.ratio { return lhs.ratio > rhs.ratio }
            return (lhs.customer.id, lhs.metric.code) < (rhs.customer.id, rhs.metric.code)
        }
    }

    /// One customer's loudest alert on one metric: a broken limit beats a baseline rise, day beats hour.
    private func worst(_ usage: MetricActivity.CustomerUsage, metric: Metric, limits: [Threshold]) -> Alert? {
        var found: [Alert] = []
        for limit in limits where limit.customerID == nil || limit.customerID == usage.customer.id {
            if let day = limit.day, usage.day > day {
                found.append(
                    Alert(
                        customer: usage.customer, metric: metric, window: .day, value: usage.day,
                        reference: day, cause: .threshold, level: limit.level))
            }
            if let hour = limit.hour, usage.hour > hour {
                found.append(
                    Alert(
                        customer: usage.customer, metric: metric, window: .hour, value: usage.hour,
                        reference: hour, cause: .threshold, level: limit.level))
            }
        }
        // Compared by multiplying, never dividing: Decimal division is slow and this runs for every customer.
        if let factor = baselineFactor, let sum = usage.baselineSum, usage.baselineDays > 0 {
            let days = Decimal(usage.baselineDays)
            let hoursPerDay: Decimal = metric.aggregation.isAdditive ? 24 : 1
            if sum >= minimumBaseline * days {
                if usage.day * days > sum * factor {
                    found.append(
                        Alert(
                            customer: usage.customer, metric: metric, window: .day, value: usage.day,
                            reference: sum / days, cause: .baseline(factor: factor), level: .warning))
                } else if usage.hour * days * hoursPerDay > sum * factor {
                    found.append(
                        Alert(
                            customer: usage.customer, metric: metric, window: .hour, value: usage.hour,
                            reference: sum / days / hoursPerDay, cause: .baseline(factor: factor),
                            level: .warning))
                }
            }
        }
        return found.min { lhs, rhs in
            lhs.level != rhs.level ? lhs.level == .error : lhs.ratio > rhs.ratio
        }
    }
}
