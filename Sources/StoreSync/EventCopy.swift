import Foundation
import StoreCore
import UsageCore

/// Writes a page of a provider's events into the store through ingest (validated the same way as a file; an event
/// already stored for its subscription counts once), in one transaction.
struct EventCopy: Sendable {
    let context: SyncContext

    /// Writes `events`: those the store can keep, and a line for each it cannot (an id with a control character, a
    /// value it cannot add exactly), which no later pass could copy either.
    func write(_ events: [UsageEvent], metric: Metric, customer: Customer) async throws(UsageError)
        -> (inserted: Int, refused: [String])
    {
        guard !events.isEmpty else { return (0, []) }
        let keyed = context.provider.capabilities.contains(.eventsShareMetrics)
        let lines: [UInt8] = Array(events.map { Self.line($0, keyedByMetric: keyed) }.joined(separator: "\n").utf8)
        let report = try await context.store.ingest(
            .lines(lines, name: "\(context.source) events of \(customer.id) for \(metric.code)"), metrics: [],
            customers: [],
            skipInvalid: true)
        let refused = report.rejections.map { rejection in
            let id =
                events.indices.contains(rejection.line - 1)
                ? events[rejection.line - 1].transactionID : "#\(rejection.line)"
            return "\(customer.id) \(metric.code): event \(id) not copied: \(rejection.reason)"
        }
        let unlisted = max(0, report.rejectedCount - refused.count)
        return (
            report.inserted,
            refused + Array(repeating: "\(customer.id) \(metric.code): an event not copied", count: unlisted)
        )
    }

    /// The event as an ingest line; keyed by metric when one event can count toward several (Hyperline's aggregators
    /// each select from the same events, whose ids are unique), by subscription when the provider keys it so (Lago).
    static func line(_ event: UsageEvent, keyedByMetric: Bool) -> String {
        let ms = UTCTime.milliseconds(event.timestamp)
        let id = keyedByMetric ? "\(event.metricCode)/\(event.transactionID)" : event.transactionID
        let seconds = ms >= 0 ? "\(ms / 1000).\(String(format: "%03lld", ms % 1000))" : "\(Double(ms) / 1000)"
        let subscription = event.subscriptionID.map { #","external_subscription_id":\#(JSONWriter.quote($0))"# } ?? ""
        return
            #"{"transaction_id":\#(JSONWriter.quote(id)),"external_customer_id":\#(JSONWriter.quote(event.customerID))\#(subscription),"#
            + #""code":\#(JSONWriter.quote(event.metricCode)),"timestamp":\#(seconds),"properties":\#(JSONWriter.compact(event.properties))}"#
    }
}
