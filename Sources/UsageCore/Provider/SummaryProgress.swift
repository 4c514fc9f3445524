/// Customers-table rows as they arrive from a provider that loads them one call at a time: the new rows, how many
/// customers are done and how many there are.
public struct SummaryProgress: Sendable, Hashable {
    /// Rows finished since the last report (in no particular order).
    public var rows: [CustomerSummary]
    /// Customers finished so far.
    public var loaded: Int
    /// Customers in all.
    public var total: Int

    /// Creates a report.
    public init(rows: [CustomerSummary], loaded: Int, total: Int) {
        self.rows = rows
        self.loaded = loaded
        self.total = total
    }
}

/// Receives `SummaryProgress` reports, from any task.
public typealias SummaryProgressHandler = @Sendable (SummaryProgress) -> Void
