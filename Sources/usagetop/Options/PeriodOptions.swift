import ArgumentParser
import Foundation
import UsageCore

/// `--period` or `--from`/`--to`, for every command (headless ones, the dashboard and the monitor).
struct PeriodOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "The period (UTC): a name (today, yesterday, last-24-hours, last-7-days, last-30-days, this-month, last-month, "
                + "this-week, last-week (weeks start on Monday, or on config.toml's week_start), last-quarter, ytd; spaces do too: \"last week\"), "
                + "-36h or -10d (trailing), 2026-11 or 2026-11-05, or a range 2026-11-01..2026-11-08 (a date-only end is "
                + "included). Default: this month; the monitor's: last 24 hours.",
            valueName: "period"))
    var period: String?

    @Option(help: "Period start, ISO-8601, inclusive (with --to, instead of --period; alone: a month from it).")
    var from: String?

    @Option(help: "Period end, ISO-8601, exclusive (default: a month after --from, else start of next month, UTC).")
    var to: String?

    func validate() throws {
        _ = try choice(default: .preset(.thisMonth))
    }

    /// The period asked for: `--period`, else `--from`/`--to` as a fixed range, else `fallback`.
    func choice(default fallback: PeriodChoice, now: Date = Date()) throws -> PeriodChoice {
        if let period {
            guard from == nil, to == nil else { throw ValidationError("give either --period or --from/--to, not both") }
            do {
                return try PeriodText.parse(period, now: now)
            } catch {
                throw ValidationError("--period: \(error.message)")
            }
        }
        guard from != nil || to != nil else { return fallback }
        let month = Period.month(containing: now)
        let start = try from.map { try Self.parse($0, option: "--from") } ?? month.start
        let end =
            try to.map { try Self.parse($0, option: "--to") }
            ?? (from == nil ? month.end : UTCTime.addingMonths(1, to: start))
        guard end > start else { throw ValidationError("--to must be after --from") }
        return .fixed(Period(start: start, end: end))
    }

    private static func parse(_ text: String, option: String) throws -> Date {
        guard let date = ISO8601Parser.parse(text) else {
            throw ValidationError(
                "\(option) '\(EscapedText.line(String(text.prefix(60))))' is not an ISO-8601 date or date-time (e.g. 2026-11-01 or 2026-11-01T00:00:00Z)"
            )
        }
        return date
    }
}
