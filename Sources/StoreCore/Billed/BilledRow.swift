import Foundation
import UsageCore

/// One reading of a provider's own total, as `usagetop sync` copies it for the metrics the store cannot add up from
/// events: a customer's metric (and subscription and charge) over one period, as of `takenMs`. A closed period keeps one reading (the
/// last); a period still open keeps one per day it was read, so the store holds how it grew, which the provider's
/// API does not keep.
public struct BilledRow: Sendable, Hashable {
    public var customerID: String
    public var metricCode: String
    /// The charge (Lago bills a metric through charges), or "" for the metric as a whole.
    public var charge: String
    public var period: Period
    public var value: Decimal
    public var eventCount: Int?
    public var amountCents: Int?
    public var currency: String?
    public var takenMs: Int64
    /// The provider that billed it (read from the reading's source, whose first word `ProviderSync` makes its name).
    public var provider = ""
    /// The subscription it was billed under (Lago's `external_id`), or "".
    public var subscription: String
    /// The charge's own id (Lago's `lago_id`), or "": `charge` is a name, and two charges may share one.
    public var chargeID: String

    /// A reading.
    public init(
        customerID: String, metricCode: String, charge: String, period: Period, value: Decimal, eventCount: Int?,
        amountCents: Int?, currency: String?, takenMs: Int64, subscription: String = "", chargeID: String = ""
    ) {
        self.customerID = customerID
        self.metricCode = metricCode
        self.charge = charge
        self.subscription = subscription
        self.chargeID = chargeID
        self.period = period
        self.value = value
        self.eventCount = eventCount
        self.amountCents = amountCents
        self.currency = currency
        self.takenMs = takenMs
    }

    package static let dayMs: Int64 = 86_400_000

    /// The provider's name from a reading's source (`lago https://api.getlago.com/api/v1`).
    package static func provider(ofSource source: String) -> String {
        String(source.prefix { $0 != " " })
    }

    /// The period's bounds in milliseconds.
    public var startMs: Int64 { UTCTime.milliseconds(period.start) }
    public var endMs: Int64 { UTCTime.milliseconds(period.end) }

    /// The day a reading is kept under: the period's last day once it is over, else the day it was read.
    public var keptDay: Int64 {
        let day = { (ms: Int64) in RangePlan.floorDiv(ms, Self.dayMs) }
        return takenMs >= endMs ? day(endMs - 1) : day(takenMs)
    }

    /// Whether the period is one whole UTC day.
    public var isDay: Bool { endMs - startMs == Self.dayMs && startMs % Self.dayMs == 0 }

    /// Whether the period was over when it was read (its numbers will not change).
    public var isClosed: Bool { takenMs >= endMs }
}
