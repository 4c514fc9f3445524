/// Facts about what a provider's answers cover (features it may lack are protocols: `EventListing`,
/// `SeriesListing`, `PropertyBreakdowns`); screens say "not offered by <provider>" for the rest.
public struct ProviderCapabilities: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    /// Creates a capability set.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Timeseries over all customers (a `SeriesListing` that takes no customer).
    public static let clientWideTimeseries = ProviderCapabilities(rawValue: 1 << 1)
    /// Totals over any chosen period of whole days at least (Lago answers billing periods only).
    public static let periodTotals = ProviderCapabilities(rawValue: 1 << 3)
    /// Series and events narrowed by one of the metric's filters.
    public static let filters = ProviderCapabilities(rawValue: 1 << 4)
    /// Totals over the current hour (what alerts compare); Prolifi answers whole days only.
    public static let hourlyTotals = ProviderCapabilities(rawValue: 1 << 5)
    /// Every customer's total of a metric in a few calls (so a wide customers table can show more metrics side by
    /// side); Lago and Prolifi answer customer by customer.
    public static let bulkTotals = ProviderCapabilities(rawValue: 1 << 6)
    /// One event can count toward several metrics (Hyperline's aggregators each select from the same events), so
    /// an event is one metric's only together with the metric's code; Lago's events each carry their one metric.
    public static let eventsShareMetrics = ProviderCapabilities(rawValue: 1 << 7)
    /// Everything a screen can ask for.
    public static let all: ProviderCapabilities = [
        .clientWideTimeseries, .periodTotals, .filters, .hourlyTotals, .bulkTotals,
    ]
}
