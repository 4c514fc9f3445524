import ArgumentParser
import Foundation
import UsageCore

/// The period and `--format`, for the headless commands.
struct QueryOptions: ParsableArguments {
    @OptionGroup var when: PeriodOptions

    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    /// The half-open period asked for (the current month by default).
    func period(now: Date = Date()) throws -> Period {
        try when.choice(default: .preset(.thisMonth), now: now).resolve(now: now)
    }

    /// The period as chosen (a preset or trailing stretch, which `--compare` compares as such), or `period` itself.
    func choice(for period: Period, now: Date = Date()) -> PeriodChoice {
        (try? when.choice(default: .preset(.thisMonth), now: now)) ?? .fixed(period)
    }
}

/// How headless commands print.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}
