import ArgumentParser
import Foundation
import LocalStore
import PostgresStore
import UsageCore

/// `usagetop demo`: (re)generates a deterministic demo store.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Regenerate a demo store (replaces everything in it).",
        discussion: "A store that holds ingested events is replaced only with --force.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Number of customers.") var customers = DemoOptions.standard.customers
    @Option(help: "Days of history ending today.") var days = DemoOptions.standard.days
    @Option(help: "Average events per customer per day.") var eventsPerDay = DemoOptions.standard.eventsPerDay
    @Option(help: "Random seed.") var seed = DemoOptions.standard.seed
    @Flag(help: "Replace the store even when it holds ingested (real) events.") var force = false
    /// Set by a start that found the store new: build only while the store is still empty, waiting for another
    /// start that is building it, so that two starts on one new store both show it.
    @Flag(help: .hidden) var ifEmpty = false

    func validate() throws {
        guard (1...1_000_000).contains(customers), (1...10_000).contains(days), (0...100_000).contains(eventsPerDay)
        else {
            throw ValidationError(
                "--customers must be from 1 to 1000000, --days from 1 to 10000, --events-per-day from 0 to 100000")
        }
        guard Double(customers) * Double(days) * Double(eventsPerDay) <= 200_000_000, days * eventsPerDay <= 10_000_000
        else {
            throw ValidationError("that is more than 200 million events (or 10 million for one customer); choose fewer")
        }
    }

    func run() async throws {
        let options = DemoOptions(customers: customers, days: days, eventsPerDay: eventsPerDay, seed: seed)
        let started = Date()
        do throws(UsageError) {
            if let db = store.db, PostgresTarget.isPostgres(db) {
                throw UsageError(
                    .invalidInput,
                    "demo data goes to an SQLite file, never into a shared PostgreSQL store; give --db PATH")
            }
            let target = try UsageStore(path: store.path, waitingForWriters: ifEmpty ? 600 : 5)
            // A start on a new store replaces nothing: its write itself checks that the store is still empty.
            let held = ifEmpty ? nil : try target.contents()
            if let held, !held.isDemo && held.events > 0 && !force {
                throw UsageError(
                    .invalidInput,
                    "\(store.path) holds \(held.events) ingested events for \(held.customers) customers, which demo would delete; run it again with --force to replace them, or choose another --db"
                )
            }
            let count = try await OffPool.run { () throws(UsageError) in
                var shown = -1
                let generator = DemoGenerator(options: options, now: Date())
                return try generator.generate(into: target, onlyIfEmpty: ifEmpty) { fraction in
                    let percent = Int(fraction * 100)
                    if percent != shown {
                        shown = percent
                        StandardError.progress("generating \(percent)%")
                    }
                }
            }
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            StandardError.progress("generating 100%", done: true)
            StandardOutput.line(
                EscapedText.line(
                    "wrote \(count) events for \(customers) customers over \(days) days to \(store.path) in \(seconds)s"
                ))
        } catch {
            throw Failure.exit(error)
        }
    }
}
