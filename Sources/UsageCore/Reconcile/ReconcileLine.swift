import Foundation

/// One charge of one customer's subscription over one billing period, checked: the units its events add up to
/// beside the units the provider billed, the amount the plan gives those events beside the amount billed, and the
/// likely causes of any difference.
public struct ReconcileLine: Sendable, Hashable {
    /// The customer.
    public var customer: Customer
    /// The subscription billed (Lago's `external_id`), when the provider bills per subscription.
    public var subscription: String?
    /// The metric's code.
    public var metricCode: String
    /// The charge's name, when the metric has several.
    public var charge: String?
    /// The billing period (half-open, UTC).
    public var period: Period
    /// Whether the provider's bill of the period is final (the period was over when it was read).
    public var isInvoiced: Bool
    /// The units the store's events add up to, and how many events.
    public var eventUnits: Decimal
    public var events: Int
    /// The units billed, and the events the bill says it counted (when it says).
    public var billedUnits: Decimal
    public var billedEvents: Int?
    /// The amount the plan gives the events, in minor units, when a plan prices the charge.
    public var repriced: Int?
    /// The amount billed, in minor units, when the bill states one.
    public var billed: Int?
    /// The currency of both amounts.
    public var currency: String?
    /// The plan that re-priced it.
    public var plan: String?
    /// The likely causes of a difference, most likely first (empty when everything agrees).
    public var causes: [String]
    /// Whether the line is of events no bill counts (after a subscription ended), rather than of a bill.
    public var isUnbilled = false

    /// A line; causes are filled in by `Reconciler`.
    public init(
        customer: Customer, subscription: String?, metricCode: String, charge: String?, period: Period,
        isInvoiced: Bool, eventUnits: Decimal, events: Int, billedUnits: Decimal, billedEvents: Int?,
        repriced: Int?, billed: Int?, currency: String?, plan: String?, causes: [String] = []
    ) {
        self.customer = customer
        self.subscription = subscription
        self.metricCode = metricCode
        self.charge = charge
        self.period = period
        self.isInvoiced = isInvoiced
        self.eventUnits = eventUnits
        self.events = events
        self.billedUnits = billedUnits
        self.billedEvents = billedEvents
        self.repriced = repriced
        self.billed = billed
        self.currency = currency
        self.plan = plan
        self.causes = causes
    }

    /// Units the events hold beyond what was billed (negative: billed beyond the events).
    public var unitDifference: Decimal { eventUnits - billedUnits }

    /// The amount the events should have cost beyond what was billed, in minor units, when both are known.
    public var moneyDifference: Int? { repriced.flatMap { mine in billed.map { mine - $0 } } }

    /// Whether the units agree and, where both amounts are known, the amounts.
    public var agrees: Bool { unitDifference == 0 && (moneyDifference ?? 0) == 0 }

    /// The money difference as an amount, when known.
    public var moneyDifferenceAmount: Money? {
        moneyDifference.flatMap { cents in currency.map { Money(minorUnits: cents, currency: $0) } }
    }
}
