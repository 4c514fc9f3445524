import Foundation
import StoreCore
import UsageCore

/// One customer's part of a sync pass, checked against the provider's own numbers.
///
/// The provider's totals over the pass's window come first (Lago: every charge of every subscription's billing
/// periods that overlap it; Hyperline: each aggregator over the window; Prolifi: each event name over its whole
/// days). For each metric whose events are copied, and each subscription and period the provider counted, the
/// store's copy is compared with the provider's value and event count: when they agree nothing is read; otherwise
/// the events since the newest one copied (less `overlap`) are copied, then, if they still differ, the provider's
/// number is read again and the whole period copied, so an event that reached the provider late is copied on the
/// next pass however late. Only events inside a billing period are copied (an event after a subscription ended is
/// never billed). The provider's own totals of the other metrics are kept as readings and compared the same way.
struct CustomerSync: Sendable {
    let context: SyncContext
    let customer: Customer

    /// Copies and checks everything of the customer; failures, events not copied and disagreements become lines.
    func run() async -> SyncReport {
        var report = SyncReport()
        let reference: [UsageTotal]
        do {
            reference = try await context.provider.totals(customerID: customer.id, period: context.window)
            _ = try await context.learn(reference)
        } catch {
            report.failures.append("\(customer.id): \(UsageError.wrapping(error, context: context.source).message)")
            return report
        }
        report.add(await keep(reference))
        report.add(await keepPlans())
        let checks = SyncCheck.of(reference, asked: context.window)
        for (index, check) in checks.enumerated() {
            if let metric = context.copied[check.metric] {
                report.add(await settle(check, metric: metric))
            } else if let metric = context.metric(check.metric) {
                report.add(await verify(check, metric: metric))
            }
            // A copy that failed (an outage, a refusal) leaves the customer's other checks to the next pass rather than
            // failing each of them in turn.
            if !report.failures.isEmpty, index + 1 < checks.count {
                report.failures[report.failures.count - 1] +=
                    " (\(checks.count - index - 1) more periods of \(customer.id) left for the next pass)"
                break
            }
        }
        return report
    }

    /// The plan of each of the customer's subscriptions, kept for reconcile, where the provider names them.
    private func keepPlans() async -> SyncReport {
        var report = SyncReport()
        guard let listing = context.provider as? any PlanListing else { return report }
        do {
            let plans = try await listing.plans(customerID: customer.id)
            try await context.store.recordPlans(plans)
        } catch {
            report.failures.append(
                "\(customer.id) plans: \(UsageError.wrapping(error, context: context.source).message)")
        }
        return report
    }

    /// The provider's own totals kept as readings: a provider that bills per period gave them all already (every
    /// charge, with its amount); one that answers any days is read day by day for the metrics it keeps.
    private func keep(_ reference: [UsageTotal]) async -> SyncReport {
        guard !context.answersDays else {
            return await BilledSnapshot(context: context).take(context.billed, of: customer)
        }
        var report = SyncReport()
        let takenMs = UTCTime.milliseconds(context.window.end)
        let rows = reference.map { total in
            BilledRow(
                customerID: customer.id, metricCode: total.metric.code, charge: total.charge ?? "",
                period: total.period ?? context.window, value: total.value, eventCount: total.eventCount,
                amountCents: total.amountCents, currency: total.currency, takenMs: takenMs,
                subscription: total.subscription ?? "", chargeID: total.chargeID ?? "")
        }
        do {
            try await context.store.recordBilled(rows, source: context.source)
            report.readings = rows.count
        } catch {
            report.failures.append("\(customer.id) billed totals: \(error.message)")
        }
        return report
    }

    /// A copied metric's check: nothing read when the copy agrees; else the recent events, the provider's number
    /// again, and the whole period, until it agrees or a line says why not.
    private func settle(_ check: SyncCheck, metric: Metric) async -> SyncReport {
        var report = SyncReport()
        report.checked = 1
        do {
            var copy = try await copied(check, metric)
            if check.agrees(with: copy) { return report }
            let recent =
                copy.latest.map { max(check.period.start, $0.addingTimeInterval(-context.overlap)) }
                ?? check.period.start
            report.add(try await copyEvents(of: metric, for: check, from: recent))
            copy = try await copied(check, metric)
            if check.agrees(with: copy) { return report }
            var expected = check
            if let again = try await recheck(check) {
                expected = again
                if expected.agrees(with: copy) { return report }
            }
            if recent > check.period.start {
                report.add(try await copyEvents(of: metric, for: check, from: check.period.start))
                copy = try await copied(check, metric)
                if expected.agrees(with: copy) { return report }
            }
            let refused = report.refused.count
            report.disagreements.append(
                expected.disagreement(
                    customer: customer.id, copy: copy, provider: context.providerName,
                    refused: refused))
        } catch {
            report.failures.append(
                "\(customer.id) \(metric.code): \(UsageError.wrapping(error, context: context.source).message)")
        }
        return report
    }

    /// A kept metric's check: the store's reading of the period against the provider's (a provider that answers days
    /// has its days read again once when they differ).
    private func verify(_ check: SyncCheck, metric: Metric) async -> SyncReport {
        var report = SyncReport()
        report.checked = 1
        do {
            var kept = try await reading(check, metric)
            if kept.map(check.agrees) == true { return report }
            if context.answersDays {
                report.add(await BilledSnapshot(context: context).take([metric], of: customer, again: true))
                kept = try await reading(check, metric)
                if kept.map(check.agrees) == true { return report }
            }
            report.disagreements.append(
                check.disagreement(customer: customer.id, reading: kept, provider: context.providerName))
        } catch {
            report.failures.append("\(customer.id) \(metric.code): \(error.message)")
        }
        return report
    }

    /// What the store holds of the check's events.
    private func copied(_ check: SyncCheck, _ metric: Metric) async throws(UsageError) -> CopiedEvents {
        try await context.store.copied(
            customer: customer.id, metric: metric, period: check.period, subscription: check.subscription)
    }

    /// The store's reading of the check's metric, subscription and period (of its charges, the metric's own value),
    /// or nil when it keeps none.
    private func reading(_ check: SyncCheck, _ metric: Metric) async throws(UsageError) -> Decimal? {
        let rows = try await context.store.billedRows(customer: customer.id, period: check.period)
            .filter { $0.metricCode == metric.code && $0.subscription == (check.subscription ?? "") }
        let totals = BilledAnswers.totals(rows, metric: metric, asked: check.period, currency: nil).filter {
            $0.period == nil
        }
        return totals.map(\.value).max()
    }

    /// The provider's number for the check's period, read again (events may have reached it since).
    private func recheck(_ check: SyncCheck) async throws -> SyncCheck? {
        let totals = try await context.provider.totals(customerID: customer.id, period: check.period)
        return SyncCheck.of(totals, asked: check.period).first {
            $0.metric == check.metric && $0.subscription == check.subscription && $0.period == check.period
        }
    }

    /// Copies the check's events from `start` to the end of its period, a page per transaction.
    private func copyEvents(of metric: Metric, for check: SyncCheck, from start: Date) async throws -> SyncReport {
        var report = SyncReport()
        let period = Period(start: start, end: max(start, check.period.end))
        guard let listing = context.provider as? any EventListing else { return report }
        try await listing.forEachEventPage(
            customerID: customer.id, metric: metric, period: period, subscription: check.subscription
        ) { page in
            report.read += page.items.count + page.unreadable.count
            let written = try await EventCopy(context: context).write(page.items, metric: metric, customer: customer)
            report.inserted += written.inserted
            report.refused +=
                written.refused + page.unreadable.map { "\(customer.id) \(metric.code): \($0); not copied" }
        }
        return report
    }
}
