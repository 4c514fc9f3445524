import Foundation

/// A provider that splits a metric's usage by the values of an event property (the stores over their events, Lago by
/// its charges' filters and groups). The data service finds the feature by this conformance.
public protocol PropertyBreakdowns: UsageProvider {
    /// A metric's usage split by the values of one event property, largest first, over every event of the period.
    func breakdown(customerID: String, metric: Metric, period: Period, by key: String) async throws -> [BreakdownRow]
    /// The keys the provider itself splits a metric's usage by (Lago's filters and groups); nil when any event
    /// property will do (found in the events themselves).
    func breakdownKeys(customerID: String, metric: Metric, period: Period) async throws -> [String]?
}

extension PropertyBreakdowns {
    /// Any event property can split the usage.
    public func breakdownKeys(customerID: String, metric: Metric, period: Period) async throws -> [String]? { nil }
}
