import ArgumentParser
import Foundation
import LocalStore
import UsageCore

/// A command that prints data without a terminal: parses the period, opens the data service, prints the output,
/// and turns any failure into one line on stderr with exit code 1.
protocol HeadlessCommand: AsyncParsableCommand {
    /// Where data comes from.
    var source: SourceOptions { get }
    /// Period and format.
    var query: QueryOptions { get }
    /// The text to print.
    func output(service: DataService, period: Period) async throws(UsageError) -> String
}

extension HeadlessCommand {
    func run() async throws {
        let period = try query.period()
        do {
            let service = try await source.makeService()
            StandardOutput.line(try await output(service: service, period: period))
        } catch {
            throw Failure.exit(error)
        }
    }
}
