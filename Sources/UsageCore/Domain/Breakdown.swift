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
    /// What the provider bills for them, when it splits its bill this way (Lago's filters and groups).
    public var amount: Money?
    /// The periods the row answers when not exactly the one asked (Lago's billing periods); empty otherwise.
    public var periods: [Period]

    /// Creates a row.
    public init(value: String?, events: Int, total: Decimal, amount: Money? = nil, periods: [Period] = []) {
        self.value = value
        self.events = events
        self.total = total
        self.amount = amount
        self.periods = periods
    }
}
