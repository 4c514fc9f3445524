import Foundation

/// One metric's total for one customer over a period: one row per metric, or per charge where a provider bills a
/// metric through several charges (each counting the same events, so their units are never added together).
public struct UsageTotal: Sendable, Hashable {
    /// The metric the total is for.
    public var metric: Metric
    /// The charge the row is for, when the provider bills per charge (Lago's invoice display name or charge code).
    public var charge: String?
    /// The aggregated value, exact.
    public var value: Decimal
    /// The number of events behind the value, when the source reports it.
    public var eventCount: Int?
    /// The billed amount in minor units, when the source prices usage.
    public var amountCents: Int?
    /// The currency of `amountCents`.
    public var currency: String?
    /// The period these numbers answer when the provider could not answer the one asked (a billing period, whole
    /// days); nil when they answer exactly the period asked.
    public var period: Period?
    /// The provider whose own total this is (a copy `usagetop sync` took), or nil for a total the source computed.
    public var billedBy: String?
    /// The subscription the row is for, when the provider bills per subscription (Lago's `external_id`): two
    /// subscriptions of one customer are two rows, never one.
    public var subscription: String?
    /// The charge's own id (Lago's `lago_id`), which `charge` (a name for people) may not be.
    public var chargeID: String?
    /// Why a total of a source priced by a `config.toml` plan has no amount: `no price` when the plan does not charge
    /// the metric, `not priced` when its charge cannot be priced from units yet (filters, groups, per transaction).
    public var unpriced: String?
    /// The code of the `config.toml` plan that priced `amountCents`, when the amount is usagetop's own pricing of a
    /// source without prices rather than the provider's bill.
    public var plan: String?
    /// The metric's value over the row's events, when the charge bills something else: a charge with filters of a
    /// max metric bills the sum of its filters' maxima, not the largest value. Nil when `value` is that value.
    public var eventsValue: Decimal?

    /// Creates a total.
    public init(
        metric: Metric, value: Decimal, eventCount: Int?, amountCents: Int? = nil, currency: String? = nil,
        charge: String? = nil, period: Period? = nil, billedBy: String? = nil, subscription: String? = nil,
        chargeID: String? = nil, eventsValue: Decimal? = nil
    ) {
        self.metric = metric
        self.value = value
        self.eventCount = eventCount
        self.amountCents = amountCents
        self.currency = currency
        self.charge = charge
        self.period = period
        self.billedBy = billedBy
        self.subscription = subscription
        self.chargeID = chargeID
        self.eventsValue = eventsValue
    }

    /// The amount as money, when both the minor units and the currency are known.
    public var amount: Money? {
        guard let amountCents, let currency, !currency.isEmpty else { return nil }
        return Money(minorUnits: amountCents, currency: currency)
    }

    /// The row's label: the metric name, the charge and the subscription when there are, and the provider when the
    /// total is its own copied total (`API calls · package · sub_eu · as billed by lago`).
    public var label: String {
        [metric.name, charge, subscription, billedBy.map { "as billed by \($0)" }].compactMap { $0 }.joined(
            separator: " · ")
    }

    /// The same metric and charge's total in `other` (another period's totals of the same customer): nothing when
    /// `other` lacks it.
    public func counterpart(in other: [UsageTotal]) -> Decimal {
        other.first {
            $0.metric.code == metric.code && $0.charge == charge && $0.subscription == subscription
                && $0.billedBy == billedBy
        }?.value ?? 0
    }
}
