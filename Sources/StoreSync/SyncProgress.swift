/// How far a sync pass is, reported after each customer's copy.
public struct SyncProgress: Sendable {
    /// Customers copied, and in all.
    public var done: Int
    public var total: Int
    /// Events read, new to the store, and calls made so far in this pass.
    public var read: Int
    public var inserted: Int
    public var calls: Int
    /// Copies (a customer's metric) that failed so far.
    public var failures: Int

    /// The fraction done, 0 to 1.
    public var fraction: Double { total == 0 ? 1 : Double(done) / Double(total) }
}
