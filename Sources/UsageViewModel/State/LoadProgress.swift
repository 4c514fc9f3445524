import Foundation

/// How far a customers table that arrives in parts has come: rows loaded of all, since when, and how many the first
/// part brought.
public struct LoadProgress: Sendable, Hashable {
    /// Rows loaded so far.
    public var loaded: Int
    /// Rows in all.
    public var total: Int
    /// When loading began.
    public var since: Date
    /// How many rows the first part brought.
    public var first: Int
}
