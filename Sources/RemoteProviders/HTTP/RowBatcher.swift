import Synchronization
import UsageCore

/// Collects customers-table rows as concurrent calls finish and hands them on in batches: the first few at once
/// (first rows on screen quickly), then about a twentieth of the table at a time (few redraws of a large table).
final class RowBatcher: Sendable {
    private let handler: SummaryProgressHandler?
    private let total: Int
    private let state = Mutex<(pending: [CustomerSummary], loaded: Int, threshold: Int)>(([], 0, 10))

    /// Reports `0 of total` at once, so the screen can say what is coming.
    init(total: Int, handler: SummaryProgressHandler?) {
        self.total = total
        self.handler = handler
        handler?(SummaryProgress(rows: [], loaded: 0, total: total))
    }

    /// Adds one finished row, reporting a batch when enough have gathered.
    func add(_ row: CustomerSummary) { add(customer: [row]) }

    /// Adds one finished customer's rows (one per subscription when they answer different periods).
    func add(customer rows: [CustomerSummary]) {
        guard let handler else { return }
        let batch: SummaryProgress? = state.withLock { state in
            state.pending += rows
            state.loaded += 1
            guard state.pending.count >= state.threshold || state.loaded == total else { return nil }
            let report = SummaryProgress(rows: state.pending, loaded: state.loaded, total: total)
            state.pending.removeAll()
            state.threshold = max(10, total / 20)
            return report
        }
        if let batch { handler(batch) }
    }
}
