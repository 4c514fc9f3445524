import StoreCore
import UsageCore

/// What one pass of `ProviderSync` did, for the summary lines and the tests.
public struct SyncReport: Sendable {
    /// The provider copied from.
    public var provider = ""
    /// Customers read: every one the provider lists, or (`whole` false) those whose events changed.
    public var customers = 0
    /// Whether every customer was read, rather than only those the provider's event counts named.
    public var whole = true
    /// The provider's count of its events over the window, when it was asked what changed (`ChangeScan`).
    public var counted: Int?
    /// Customers listed by a pass that read only those whose events changed, because the provider's count of its
    /// customers changed since they were last listed: customers without events reach the store too.
    public var listed: Int?
    /// Metrics whose events were copied.
    public var metrics: [Metric] = []
    /// Metrics whose events are not copied, each with why (an aggregation the store cannot reproduce exactly, or a
    /// provider that lists no events): the store keeps the provider's own totals of them instead.
    public var billedMetrics: [(metric: Metric, reason: String)] = []
    /// Readings of the provider's own totals written.
    public var readings = 0
    /// Events read from the provider (new and already stored).
    public var read = 0
    /// Events the store did not hold yet.
    public var inserted = 0
    /// Calls made to the provider during the pass, every one (listings, counts, pages, totals, retries), as the
    /// provider counted them (`CallCounting`).
    public var calls = 0
    /// One line per customer and metric whose copy failed (the others went on).
    public var failures: [String] = []
    /// One line per event the store cannot keep (the rest of its page was copied).
    public var refused: [String] = []
    /// Customer-metric-periods whose copy was checked against the provider's own numbers.
    public var checked = 0
    /// One line per check the copy still fails after reading again, with both numbers and the likely cause.
    public var disagreements: [String] = []

    /// The summary line of the copy.
    public var summary: String {
        let failed = failures.isEmpty ? "" : "; \(failures.count) failed"
        let notCopied = refused.isEmpty ? "" : "; \(refused.count) events not copied"
        let billed = billedMetrics.isEmpty ? "" : "; \(readings) billed totals of \(billedMetrics.count) metrics"
        let whose = whole ? "\(customers) customers" : "\(customers) customers with new events"
        let spent = calls == 1 ? "1 call" : "\(calls) calls"
        let listing = listed.map { "; listed all \($0) customers, as their count changed" } ?? ""
        return "copied \(read) events (\(inserted) new) of \(metrics.count) metrics for \(whose) in \(spent)"
            + listing + billed + notCopied + failed
    }

    /// The line that says whether the copy holds what the provider counts.
    public var verification: String {
        let outcome = disagreements.isEmpty ? "all agree" : "\(disagreements.count) disagree"
        if !whole, customers == 0, let counted {
            return
                "verified against \(provider)'s count of its events (\(counted)): none new since the last pass: \(outcome)"
        }
        return "verified \(checked) customer-metric-periods against \(provider): \(outcome)"
    }

    /// Whether anything is left to look at: a failure, an event not copied, or a disagreement.
    public var isClean: Bool { failures.isEmpty && refused.isEmpty && disagreements.isEmpty }

    /// Adds another part's counts and lines.
    mutating func add(_ other: SyncReport) {
        read += other.read
        inserted += other.inserted
        readings += other.readings
        failures += other.failures
        refused += other.refused
        checked += other.checked
        disagreements += other.disagreements
    }
}
