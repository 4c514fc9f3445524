import Foundation

/// One customer's usage of one metric that broke a rule.
public struct Alert: Sendable, Hashable {
    /// How loud an alert is (the theme's `warn` and `error` roles).
    public enum Level: String, Sendable, Hashable, Codable {
        case warning = "warn"
        case error
    }

    /// The window that was measured.
    public enum Window: String, Sendable, Hashable {
        case hour, day
    }

    /// Which rule was broken.
    public enum Cause: Sendable, Hashable {
        /// A fixed limit from the configuration.
        case threshold
        /// More than `factor` times the customer's trailing baseline.
        case baseline(factor: Decimal)
    }

    /// The customer.
    public var customer: Customer
    /// The metric.
    public var metric: Metric
    /// The current UTC hour or day.
    public var window: Window
    /// The usage in the window so far.
    public var value: Decimal
    /// The limit, or the baseline for the window.
    public var reference: Decimal
    /// The rule.
    public var cause: Cause
    /// How loud it is.
    public var level: Level

    /// Creates an alert.
    public init(
        customer: Customer, metric: Metric, window: Window, value: Decimal, reference: Decimal, cause: Cause,
        level: Level
    ) {
        self.customer = customer
        self.metric = metric
        self.window = window
        self.value = value
        self.reference = reference
        self.cause = cause
        self.level = level
        ratio = reference > 0 ? value / reference : value + 1_000_000
    }

    /// How far over the reference the value is (value ÷ reference; large when the reference is zero). Computed
    /// once, because alerts are sorted by it.
    public let ratio: Decimal
}
