/// How far a sync pass is, reported after each customer's copy of a metric.
public struct SyncProgress: Sendable {
    /// The metric being copied.
    public var metric: String
    /// Whether this report ends that metric.
    public var endsMetric: Bool
    /// Copies (one customer, one metric) done, and in all.
    public var done: Int
    public var total: Int
    /// Events read, new to the store, and calls made so far in this pass.
    public var read: Int
    public var inserted: Int
    public var calls: Int
    /// Copies that failed so far.
    public var failures: Int

    /// The fraction done, 0 to 1.
    public var fraction: Double { total == 0 ? 1 : Double(done) / Double(total) }
}
