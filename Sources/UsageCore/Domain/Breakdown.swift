import Foundation

/// One value of a property and the part of a metric's usage whose events carry it (`endpoint=/v1/search`: 41
/// events, 41 calls). The rows of one breakdown hold every event of the period once: the events without the property
/// (and, on a provider that splits its bill by filters, the events no filter matched) are rows too, so for an
/// additive metric the rows add up to the metric's total.
public struct BreakdownRow: Sendable, Hashable {
    /// The property's value as text; nil for the events without the property (or that no filter matched).
    public var value: String?
    /// How many events carry it.
    public var events: Int
    /// The metric's value over those events.
    public var total: Decimal
    /// What the provider bills for them, when it splits its bill this way (Lago's filters and groups).
    public var amount: Money?
    /// The periods the row answers when not exactly the one asked (Lago's billing periods); empty otherwise.
    public var periods: [Period]
    /// The other property values that also define the part (a Lago filter on two keys: `region=us` with
    /// `tier=gold`), which the events behind the row carry as well.
    public var also: [EventQuery.Match]
    /// Whether the row holds the events that no filter of the charge matched (Lago's default bucket).
    public var unmatched: Bool
    /// The subscription the row is for, when subscriptions of different billing periods are shown apart.
    public var subscription: String?

    /// Creates a row.
    public init(
        value: String?, events: Int, total: Decimal, amount: Money? = nil, periods: [Period] = [],
        also: [EventQuery.Match] = [], unmatched: Bool = false, subscription: String? = nil
    ) {
        self.value = value
        self.events = events
        self.total = total
        self.amount = amount
        self.periods = periods
        self.also = also
        self.unmatched = unmatched
        self.subscription = subscription
    }

    /// The row as people read it, split by `key`: `eu`, `us · tier=gold`, `(no filter matched)`, `(without region)`,
    /// with the subscription when rows are shown per subscription.
    public func text(by key: String) -> String {
        let own: String = if let value { value } else if unmatched { "(no filter matched)" } else { "(without \(key))" }
        return ([own] + also.map(\.text) + [subscription].compactMap { $0 }).joined(separator: " · ")
    }

    /// The property conditions that list the row's events, or nil when no condition can (events without the key,
    /// events no filter matched).
    public func conditions(by key: String) -> [EventQuery.Match]? {
        guard let value else { return nil }
        return [EventQuery.Match(key: key, value: value)] + also
    }
}
