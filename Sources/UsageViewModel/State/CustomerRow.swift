import UsageCore

/// A customers-table row.
public struct CustomerRow: Sendable, Hashable {
    /// The data.
    public var summary: CustomerSummary

    /// Creates a row.
    public init(summary: CustomerSummary) {
        self.summary = summary
    }
}
