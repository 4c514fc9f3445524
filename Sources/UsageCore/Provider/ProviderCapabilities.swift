/// What a provider can answer; screens say "not offered by <provider>" for the rest.
public struct ProviderCapabilities: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    /// Creates a capability set.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Per-customer timeseries.
    public static let timeseries = ProviderCapabilities(rawValue: 1 << 0)
    /// Timeseries over all customers.
    public static let clientWideTimeseries = ProviderCapabilities(rawValue: 1 << 1)
    /// Raw event listing.
    public static let events = ProviderCapabilities(rawValue: 1 << 2)
    /// Totals over any chosen period (Lago answers only the current billing period).
    public static let periodTotals = ProviderCapabilities(rawValue: 1 << 3)
    /// Series and events narrowed by one of the metric's filters.
    public static let filters = ProviderCapabilities(rawValue: 1 << 4)
    /// Everything.
    public static let all: ProviderCapabilities = [.timeseries, .clientWideTimeseries, .events, .periodTotals, .filters]
}
