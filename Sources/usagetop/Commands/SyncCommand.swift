import ArgumentParser
import Foundation
import LocalStore
import UsageCore

/// `usagetop sync --provider P`: copies a provider's raw events into a store, once or every N seconds, so that
/// dashboards and monitors read the store instead of each calling the provider.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Copy a provider's events into the store, once or every N seconds.",
        discussion: """
            Copies each customer's events of every metric whose aggregation the store reproduces exactly (count, sum, \
            max, unique count) from --since to now, reading only what earlier copies left (from an hour before the \
            last one ended, for late events). Copying twice counts each event once; an interrupted copy resumes. \
            The store is an SQLite file or a PostgreSQL database (--db postgres://user@host/database, or the \
            profile's db); open it with `usagetop --db` the same.
            """)

    @OptionGroup var source: SourceOptions
    @Option(parsing: .unconditional, help: "Copy events from this date or period start on (2026-11-01, -30d).")
    var since = "-30d"
    @Option(help: "Copy again every this many seconds (default: once).") var every: Int?
    @Option(help: "The share of the provider's published rate limit to spend, 0.01 to 1.") var rateShare = 0.5

    func run() async throws {
        do {
            guard (0.01...1).contains(rateShare) else { throw UsageError(.invalidInput, "--rate-share must be between 0.01 and 1") }
            if let every, every < 1 { throw UsageError(.invalidInput, "--every must be at least 1 second") }
            AppLogging.start()
            var warnings: [String] = []
            let profile = try source.selectedProfile(warnings: &warnings)
            for warning in warnings { StandardError.line("usagetop: warning: \(warning)") }
            let kind = try source.kind(profile: profile)
            guard kind != .local else { throw UsageError(.invalidInput, "sync copies from a provider: give --provider lago, hyperline or prolifi") }
            let provider = try await source.remoteProvider(kind, profile, rateShare: rateShare)
            let store = try await StoreLocation.chosen(db: source.db, profile: profile).openForWriting(profile: profile)
            let name = "\(kind.rawValue) \(source.baseURL ?? profile?.baseURL ?? kind.defaultBaseURL)"
            let sync = ProviderSync(provider: provider, store: store, source: name)
            while true {
                let now = Date()
                let start = try PeriodText.parse(since, now: now).resolve(now: now).start
                let status = SyncStatus()
                let report = try await sync.run(since: start, now: now) { status.show($0) }
                status.finish()
                for (metric, reason) in report.billedMetrics {
                    StandardError.line("usagetop sync: \(metric.code): events not copied (\(reason)); kept as \(kind.rawValue)'s own totals")
                }
                for line in (report.refused + report.failures).prefix(20) { StandardError.line("usagetop sync: \(line)") }
                StandardOutput.line(report.summary)
                guard let every else {
                    if !report.failures.isEmpty || !report.refused.isEmpty { throw ExitCode(1) }
                    return
                }
                try await Task.sleep(for: .seconds(every))
            }
        } catch let error as UsageError {
            throw Failure.exit(error)
        }
    }
}
