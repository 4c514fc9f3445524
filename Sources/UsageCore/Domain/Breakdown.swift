import Foundation

/// One value of a property and the part of a metric's usage whose events carry it (`endpoint=/v1/search`: 41
/// events, 41 calls).
public struct BreakdownRow: Sendable, Hashable {
    /// The property's value as text; nil for the events without the property.
    public var value: String?
    /// How many events carry it.
    public var events: Int
    /// The metric's value over those events.
    public var total: Decimal

    /// Creates a row.
    public init(value: String?, events: Int, total: Decimal) {
        self.value = value
        self.events = events
        self.total = total
    }
}
