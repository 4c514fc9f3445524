import Foundation
import UsageCore

/// The customers table's rows: the answer's summaries as they arrived (the same storage as the answer, never copied
/// row by row) and, while the table compares, each customer's total over the comparison period beside them. A table
/// of 100,000 customers keeps one array of summaries instead of two.
public struct CustomerRows: RandomAccessCollection, Sendable, Hashable {
    /// The summaries, in the answer's order.
    public private(set) var summaries: [CustomerSummary]
    /// Each row's comparison total; empty while the table does not compare.
    private var previous: [Decimal?] = []

    /// Rows of `summaries`, not compared.
    public init(_ summaries: [CustomerSummary] = []) {
        self.summaries = summaries
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { summaries.count }

    /// The row at `index`, with its comparison total.
    public subscript(index: Int) -> CustomerRow {
        CustomerRow(summary: summaries[index], previous: previous.isEmpty ? nil : previous[index])
    }

    /// The change of row `index` since the comparison period, when the table compares (read without making a row, as
    /// sorting reads it for every row).
    public func change(at index: Int) -> Decimal? {
        previous.isEmpty ? nil : previous[index].map { summaries[index].total - $0 }
    }

    /// Adds rows that arrived later.
    mutating func append(_ more: [CustomerSummary]) {
        summaries += more
        if !previous.isEmpty { previous += Array(repeating: nil, count: more.count) }
    }

    /// Sets every row's comparison total from `totals` by customer id (0 for a customer it lacks); nil drops them.
    mutating func compare(with totals: [String: Decimal]?) {
        previous = totals.map { totals in summaries.map { totals[$0.customer.id] ?? 0 } } ?? []
    }
}
