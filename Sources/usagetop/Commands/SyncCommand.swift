import ArgumentParser
import Foundation
import RemoteProviders
import LocalStore
import Logging
import StoreCore
import StoreSync
import UsageCore

/// `usagetop sync --provider P`: copies a provider's events into a store and checks the copy against the provider's
/// own numbers, once or every N seconds, so that dashboards and monitors read the store instead of each calling the
/// provider.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Copy a provider's events into the store and check the copy, once or every N seconds.",
        discussion: """
            Copies each customer's events of every metric whose aggregation the store reproduces exactly (count, sum, \
            max, unique count) and the provider's own totals of the others, from --since to now (on Lago, whole \
            billing periods). Every pass ends by checking the store against the provider's own numbers for each \
            customer, metric and period ("verified N customer-metric-periods against lago: all agree"); where they \
            differ the events are read again, so events that reach the provider late are copied by the next pass, \
            and what still differs is named with both numbers. On Lago and Hyperline a pass first compares the \
            provider's count of its events, hour by hour, with the last pass's, and reads only the customers of \
            events the store does not hold (a quiet pass is a call or a few); --whole reads every customer. A one-off sync exits 1 when anything is left. With \
            --every, a pass that fails (an outage, a locked store) is tried again with a growing wait. The store is \
            an SQLite file or a PostgreSQL database (--db postgres://user@host/database, or the profile's db); open \
            it with `usagetop --db` the same.
            """)

    @OptionGroup var source: SourceOptions
    @Option(parsing: .unconditional, help: "Copy events from this date or period start on (2026-11-01, -30d).")
    var since = "-30d"
    @Option(help: "Copy again every this many seconds (default: once).") var every: Int?
    @Option(help: "The share of the provider's published rate limit to spend, 0.01 to 1.") var rateShare = 0.5
    @Flag(help: "Read every customer, not only those whose events changed since the last pass.") var whole = false

    func run() async throws {
        do {
            guard (0.01...1).contains(rateShare) else {
                throw UsageError(.invalidInput, "--rate-share must be between 0.01 and 1")
            }
            if let every, every < 1 { throw UsageError(.invalidInput, "--every must be at least 1 second") }
            AppLogging.start()
            var warnings: [String] = []
            let profile = try source.selectedProfile(warnings: &warnings)
            for warning in warnings { StandardError.line("usagetop: warning: \(warning)") }
            guard let kind = try source.kind(profile: profile) else {
                let names = ProviderRegistry.listed(ProviderRegistry.providers.map(\.name))
                throw UsageError(.invalidInput, "sync copies from a provider: give --provider \(names)")
            }
            _ = try PeriodText.parse(since, now: Date())
            let provider = try await source.remoteProvider(kind, profile, rateShare: rateShare)
            let name = "\(kind.name) \(source.baseURL(kind, profile))"
            let location = StoreLocation.chosen(db: source.db, profile: profile)
            guard let every else {
                let report = try await pass(
                    provider, kind, try await location.openForWriting(profile: profile), name)
                if !report.isClean { throw ExitCode(1) }
                return
            }
            try await repeatedly(every: every) { (store: (any EventStore)?) throws(UsageError) -> any EventStore in
                let opened: any EventStore
                if let store { opened = store } else { opened = try await location.openForWriting(profile: profile) }
                _ = try await pass(provider, kind, opened, name)
                return opened
            }
        } catch let error as UsageError {
            throw Failure.exit(error)
        }
    }

    /// One pass: the copy with its status line, then the summary, the check and what is left, on stdout, stderr
    /// and in the log.
    private func pass(
        _ provider: any UsageProvider & CallCounting, _ kind: ProviderDescriptor, _ store: any EventStore,
        _ name: String
    ) async throws(UsageError) -> SyncReport {
        let now = Date()
        let start = try PeriodText.parse(since, now: now).resolve(now: now).start
        let status = SyncStatus(budget: (kind.name, kind.budget))
        let report = try await ProviderSync(provider: provider, billing: kind.billing, store: store, source: name).run(
            since: start, now: now, whole: whole
        ) {
            status.show($0)
        }
        status.finish()
        for (metric, reason) in report.billedMetrics {
            StandardError.line(
                "usagetop sync: \(metric.code): events not copied (\(reason)); kept as \(provider.name)'s own totals")
        }
        for line in (report.refused + report.failures).prefix(20) { StandardError.line("usagetop sync: \(line)") }
        for line in report.disagreements.prefix(50) { StandardError.line("usagetop sync: disagrees: \(line)") }
        if report.disagreements.count > 50 {
            StandardError.line("usagetop sync: … and \(report.disagreements.count - 50) more disagreements")
        }
        StandardOutput.line(report.summary)
        StandardOutput.line(report.verification)
        Self.log(report, rate: status.rate(calls: report.calls))
        return report
    }

    /// Runs passes every `every` seconds for as long as asked: a pass that fails as a whole (the provider or the store
    /// unreachable, the store locked) is tried again after a wait that doubles with each failure in a row, up to five
    /// minutes (or `every`, when longer), and never ends the program.
    private func repeatedly(every: Int, _ body: (_ store: (any EventStore)?) async throws(UsageError) -> any EventStore)
        async throws
    {
        var store: (any EventStore)?
        var failures = 0
        while true {
            do {
                store = try await body(store)
                failures = 0
                try await Task.sleep(for: .seconds(every))
            } catch let error as UsageError {
                failures += 1
                let wait = Self.backoff(every: every, failures: failures)
                StandardError.line("usagetop sync: pass failed: \(error.message); trying again in \(wait)s")
                Logger(label: "usagetop.sync").error(
                    "pass failed", metadata: ["error": "\(error.message)", "retry_in_s": "\(wait)"])
                try await Task.sleep(for: .seconds(wait))
            }
        }
    }

    /// The wait after `failures` failed passes in a row: `every`, doubled each time, at most five minutes (or `every`).
    static func backoff(every: Int, failures: Int) -> Int {
        let ceiling = max(every, 300)
        let doubled = every.multipliedReportingOverflow(by: 1 << min(max(0, failures - 1), 20))
        return doubled.overflow ? ceiling : min(doubled.partialValue, ceiling)
    }

    /// What a pass left, in the log: one line per disagreement and failure, and the check's line.
    private static func log(_ report: SyncReport, rate: String?) {
        let logger = Logger(label: "usagetop.sync")
        logger.info("\(report.summary + (rate.map { " (\($0))" } ?? ""))")
        logger.info("\(report.verification)")
        for line in report.disagreements { logger.warning("disagrees: \(line)") }
        for line in report.failures { logger.error("\(line)") }
    }
}
