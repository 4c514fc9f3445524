import ArgumentParser
import Foundation
import LocalStore
import UsageCore

/// `usagetop demo`: (re)generates a deterministic demo store.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Regenerate a demo store (replaces everything in it).")

    @OptionGroup var store: StoreOptions
    @Option(help: "Number of customers.") var customers = DemoOptions.standard.customers
    @Option(help: "Days of history ending today.") var days = DemoOptions.standard.days
    @Option(help: "Average events per customer per day.") var eventsPerDay = DemoOptions.standard.eventsPerDay
    @Option(help: "Random seed.") var seed = DemoOptions.standard.seed

    func validate() throws {
        guard customers >= 1, days >= 1, eventsPerDay >= 0 else {
            throw ValidationError("--customers and --days must be at least 1, --events-per-day at least 0")
        }
    }

    func run() async throws {
        let options = DemoOptions(customers: customers, days: days, eventsPerDay: eventsPerDay, seed: seed)
        let started = Date()
        do {
            let target = try UsageStore(path: store.path)
            var shown = -1
            let count = try DemoGenerator(options: options, now: Date()).generate(into: target) { fraction in
                let percent = Int(fraction * 100)
                if percent != shown {
                    shown = percent
                    StandardError.progress("generating \(percent)%")
                }
            }
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            StandardError.progress("generating 100%", done: true)
            print(EscapedText.line("wrote \(count) events for \(customers) customers over \(days) days to \(store.path) in \(seconds)s"))
        } catch {
            throw Failure.exit(error)
        }
    }
}
