import ArgumentParser
import Foundation
import StoreCore
import UsageCore

/// `usagetop store prune --before DATE`: removes what the store holds from before a day, once confirmed.
struct PruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove the events (with their rollups) and the bills of periods that ended before a day.",
        discussion:
            "Asks first on a terminal; elsewhere it removes nothing without --yes. Whole UTC days only, so every "
            + "total left is exact.")

    @Option(help: "The first day kept (2026-01-01, or a month: 2026-01), in UTC.") var before: String
    @Flag(help: "Remove without asking.") var yes = false
    @OptionGroup var store: WritableStoreOptions

    func run() async throws {
        do {
            let cutoff = try Self.day(before)
            let target = try await store.openForWriting()
            try target.requireWritable(for: "prune")
            let day = UTCTime.iso(cutoff).prefix(10)
            let count = try await target.eventCount(before: cutoff)
            let what = "\(Self.events(count)) before \(day) from \(target.location)"
            if !yes {
                guard isatty(STDIN_FILENO) == 1 else {
                    StandardError.line("usagetop: prune would remove \(what); nothing removed: run again with --yes")
                    throw ExitCode(1)
                }
                guard
                    try await Self.confirm("Remove \(what), with their rollups and the bills of periods ended by then?")
                else {
                    StandardError.line("usagetop: nothing removed")
                    throw ExitCode(1)
                }
            }
            let removed = try await target.prune(before: cutoff)
            StandardOutput.line("removed \(Self.events(removed)) before \(day) from \(target.location)")
        } catch let error as UsageError {
            throw Failure.exit(error)
        }
    }

    /// The UTC midnight `text` names (`2026-01-01`, or `2026-01` for its first day); a time of day is refused, since
    /// a store's daily rollups keep whole days.
    static func day(_ text: String) throws(UsageError) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let dayText = trimmed.count == 7 ? trimmed + "-01" : trimmed
        guard dayText.count == 10, let date = ISO8601Parser.parse(dayText), UTCTime.startOfDay(date) == date else {
            throw UsageError(.invalidInput, "--before takes a day (2026-01-01) or a month (2026-01), not '\(text)'")
        }
        return date
    }

    /// `1 event`, `12,000 events`.
    private static func events(_ count: Int) -> String {
        "\(DecimalText.grouped(Decimal(count), fractionDigits: 0)) event\(count == 1 ? "" : "s")"
    }

    /// Asks `question` on the terminal; true for `y` or `yes` (the read waits off the cooperative pool).
    private static func confirm(_ question: String) async throws(UsageError) -> Bool {
        StandardOutput.write(EscapedText.line(question) + " [y/N] ", to: STDERR_FILENO)
        let answer = try await OffPool.run { () throws(UsageError) in readLine() ?? "" }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
