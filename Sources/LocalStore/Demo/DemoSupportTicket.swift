import Foundation
import StoreCore
import UsageCore

/// The demo's support ticket, the one the README walks through: "Fabrikam Labs says they were overbilled for API
/// calls last week". Two days ago at 14:00 UTC their API calls spiked: 40 calls to `/v1/export` in the hour, three
/// of them failing with status 500 (added after the drawn events, with ids of their own, so no other value or id of
/// the demo changes).
enum DemoSupportTicket {
    /// The customer (by position): Fabrikam Labs, `cus_00031`.
    static let index = 30
    /// Calls in the spike hour, and which of them fail (minutes 5, 18 and 31).
    static let calls = 40

    /// The hour of the spike: 14:00 UTC two days before `now`'s day.
    static func hour(now: Date) -> Int64 {
        UTCTime.milliseconds(UTCTime.startOfDay(now)) - 2 * 86_400_000 + 14 * 3_600_000
    }

    /// The spike's calls, when the demo reaches back to them.
    static func spike(customer: Customer, firstDayMs: Int64, seed: UInt64, now: Date) -> [NewEvent] {
        let start = hour(now: now)
        guard start >= firstDayMs else { return [] }
        let metric = DemoCatalog.metrics[0]
        return (0..<calls).map { n in
            let properties: JSONValue = .object([
                ("endpoint", .string("/v1/export")), ("status", .number(n % 13 == 5 ? "500" : "200")),
                ("latency_ms", .number(String(120 + n * 7))), ("region", .string("us-east")),
            ])
            return NewEvent(
                transactionID: "demo-\(seed)-ticket-\(n)", customerID: customer.id, metricCode: metric.code,
                aggregation: metric.aggregation, timestampMs: start + Int64(n) * 60_000 + 1_500, value: nil,
                propertiesJSON: JSONWriter.compact(properties))
        }
    }
}
