import ArgumentParser
import Foundation
import UsageCore

/// `--period` or `--from`/`--to`, and `--format`, for the headless commands.
struct QueryOptions: ParsableArguments {
    @Option(help: "A named period: today, last-24-hours, last-7-days, last-30-days, this-month, last-month (UTC).")
    var period: PeriodPreset?

    @Option(help: "Period start, ISO-8601, inclusive (default: start of the current month, UTC).")
    var from: String?

    @Option(help: "Period end, ISO-8601, exclusive (default: start of next month, UTC).")
    var to: String?

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    /// The half-open period asked for: the named one, else `--from`/`--to`, else the current month.
    func period(now: Date = Date()) throws -> Period {
        if let period {
            guard from == nil, to == nil else { throw ValidationError("give either --period or --from/--to, not both") }
            return period.resolve(now: now)
        }
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
