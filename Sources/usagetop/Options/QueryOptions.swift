import ArgumentParser
import Foundation
import UsageCore

/// `--from`, `--to` and `--format` for the headless commands.
struct QueryOptions: ParsableArguments {
    @Option(help: "Period start, ISO-8601, inclusive (default: start of the current month, UTC).")
    var from: String?

    @Option(help: "Period end, ISO-8601, exclusive (default: start of next month, UTC).")
    var to: String?

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    /// The half-open period asked for.
    func period(now: Date = Date()) throws -> Period {
        let month = Period.month(containing: now)
        let start = try from.map { try Self.parse($0, option: "--from") } ?? month.start
        let end = try to.map { try Self.parse($0, option: "--to") } ?? (from == nil ? month.end : UTCTime.addingMonths(1, to: start))
        guard end > start else { throw ValidationError("--to must be after --from") }
        return Period(start: start, end: end)
    }

    private static func parse(_ text: String, option: String) throws -> Date {
        guard let date = ISO8601Parser.parse(text) else {
            throw ValidationError("\(option) '\(text)' is not an ISO-8601 date or date-time (e.g. 2026-11-01 or 2026-11-01T00:00:00Z)")
        }
        return date
    }
}

/// How headless commands print.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}
