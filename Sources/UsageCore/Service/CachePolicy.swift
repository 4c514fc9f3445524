/// How long each kind of answer may be reused before the provider is asked again.
public struct CachePolicy: Sendable, Hashable {
    /// Metric lists.
    public var metrics: Duration
    /// Customers tables.
    public var customers: Duration
    /// Totals and usage overviews.
    public var usage: Duration
    /// Timeseries.
    public var timeseries: Duration
    /// Event pages.
    public var events: Duration
    /// The most answers kept; the oldest go first.
    public var maxEntries: Int

    /// Creates a policy.
    public init(
        metrics: Duration, customers: Duration, usage: Duration, timeseries: Duration, events: Duration,
        maxEntries: Int = 256
    ) {
        self.metrics = metrics
        self.customers = customers
        self.usage = usage
        self.timeseries = timeseries
        self.events = events
        self.maxEntries = maxEntries
    }

    /// No reuse: every call reaches the provider (the embedded store is cheaper to read than to cache).
    /// Identical calls in flight are still coalesced.
    public static let none = CachePolicy(
        metrics: .zero, customers: .zero, usage: .zero, timeseries: .zero, events: .zero)

    /// For a provider with a change token (the embedded store): answers live until `DataService.revalidate()` sees
    /// the token change.
    public static let untilChanged = CachePolicy(
        metrics: .seconds(86_400), customers: .seconds(86_400), usage: .seconds(86_400), timeseries: .seconds(86_400),
        events: .seconds(86_400))

    /// For remote APIs: short lives that keep numbers fresh but spare the provider's rate limit.
    public static let remote = CachePolicy(
        metrics: .seconds(300), customers: .seconds(30), usage: .seconds(20), timeseries: .seconds(30),
        events: .seconds(20))
}
