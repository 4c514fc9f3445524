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
    /// What the command line names that the source does not know, with what it does (exit 64, as a mistyped option
    /// does), or nil.
    func misnamed(service: DataService, period: Period) async throws(UsageError) -> String?
}

extension HeadlessCommand {
    func run() async throws {
        let period = try query.period()
        let text: String
        do {
            let service = try await source.makeService()
            if let problem = try await misnamed(service: service, period: period) {
                StandardError.line("usagetop: \(problem)")
                throw ExitCode(64)
            }
            text = try await output(service: service, period: period)
        } catch let error as UsageError {
            throw Failure.exit(error)
        }
        StandardOutput.line(text)
    }

    /// Nothing on the command line to check against the source.
    func misnamed(service: DataService, period: Period) async throws(UsageError) -> String? { nil }
}
