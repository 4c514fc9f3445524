import Foundation
import UsageCore

/// A customers-table row.
public struct CustomerRow: Sendable, Hashable {
    /// The data.
    public var summary: CustomerSummary
    /// The customer's total over the comparison period, when the table compares.
    public var previous: Decimal?

    /// The change since the comparison period, when the table compares.
    public var change: Decimal? { previous.map { summary.total - $0 } }

    /// Creates a row, compared with `previous` when given.
    public init(summary: CustomerSummary, previous: Decimal? = nil) {
        self.summary = summary
        self.previous = previous
    }
}
