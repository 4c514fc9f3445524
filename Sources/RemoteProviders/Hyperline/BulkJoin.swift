import Foundation
import Synchronization
import UsageCore

/// Joins Hyperline's customer pages (names) with its group-by-customer pages (totals) as both arrive, so a
/// customer's row reaches the screen as soon as its name and its total are known; customers without usage (no bulk
/// row) come with the whole answer, at zero.
final class BulkJoin: Sendable {
    private struct State {
        var names: [String: Customer] = [:]
        var totals: [String: Decimal] = [:]
        var shown: Set<String> = []
        var batcher: RowBatcher?

        /// Rows for `ids` whose name and total are both known and that were not shown yet.
        mutating func take(_ ids: [String]) -> [CustomerSummary] {
            ids.compactMap { id in
                guard let customer = names[id], let total = totals[id], shown.insert(id).inserted else { return nil }
                return CustomerSummary(customer: customer, total: total, daily: [], lastEventAt: nil)
            }
        }
    }

    private let progress: SummaryProgressHandler?
    private let state = Mutex(State())

    /// A join reporting to `progress`.
    init(progress: SummaryProgressHandler?) {
        self.progress = progress
    }

    /// A page of the customer listing arrived (its `meta.total` sizes the progress).
    @Sendable func listed(_ page: OffsetListing.Answer) {
        let customers = page.items.compactMap(HyperlineDecoding.customer)
        let announced = page.document["meta"]?["total"]?.intValue
        let (ready, batcher) = state.withLock { state in
            if state.batcher == nil, let announced { state.batcher = RowBatcher(total: announced, handler: progress) }
            for customer in customers { state.names[customer.id] = customer }
            return (state.take(customers.map(\.id)), state.batcher)
        }
        ready.forEach { batcher?.add($0) }
    }

    /// A page of bulk totals arrived.
    @Sendable func summed(_ rows: [(String, Decimal)]) {
        let (ready, batcher) = state.withLock { state in
            for (id, total) in rows { state.totals[id] = total }
            return (state.take(rows.map(\.0)), state.batcher)
        }
        ready.forEach { batcher?.add($0) }
    }
}
