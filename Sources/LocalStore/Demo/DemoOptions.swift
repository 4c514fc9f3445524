/// Size and seed of a generated demo dataset.
public struct DemoOptions: Sendable, Hashable {
    /// Number of customers.
    public var customers: Int
    /// Days of history, ending today.
    public var days: Int
    /// Average events per customer per day.
    public var eventsPerDay: Int
    /// The random seed; the same seed and end date give the same data.
    public var seed: UInt64

    /// The first-run defaults: 240 customers, 90 days, 8 events per customer per day (about 140,000 events).
    public static let standard = DemoOptions(customers: 240, days: 90, eventsPerDay: 8, seed: 42)

    /// Creates options.
    public init(customers: Int, days: Int, eventsPerDay: Int, seed: UInt64) {
        self.customers = customers
        self.days = days
        self.eventsPerDay = eventsPerDay
        self.seed = seed
    }
}
