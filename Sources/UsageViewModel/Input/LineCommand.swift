import UsageCore

/// A command of the `:` command line: its name and short alias, what it takes, where `Tab` finds its arguments, and
/// what it does. `LineCommand.all` is the one table that completion, dispatch, the help overlay and the error text
/// for an unknown command are read from.
struct LineCommand: Sendable {
    /// Where `Tab` completes an argument from.
    enum Completion: Sendable {
        case comparisons
        case none, customers, metrics, periods, exportFormats, themes, profiles
    }

    /// The name typed (`customer`).
    var name: String
    /// A one-letter alias (`c`), if any.
    var alias: String?
    /// What the command takes, as help shows it (`NAME`), if anything.
    var argument: String?
    /// Where its argument is completed from.
    var completion: Completion
    /// Runs it with the rest of the line.
    var run: @Sendable (inout AppState, String) -> [Effect]

    /// The command as help writes it (`:customer NAME`).
    var usage: String { ":" + name + (argument.map { " " + $0 } ?? "") }

    /// Whether `word` names this command.
    func isNamed(_ word: String) -> Bool { word == name || word == alias }

    /// The command `word` names, if any.
    static func named(_ word: String) -> LineCommand? { all.first { $0.isNamed(word.lowercased()) } }

    /// The help overlay's lines: every command's usage, wrapped at `width` columns.
    static func helpLines(width: Int) -> [String] {
        HelpText.wrapped(all.map(\.usage), width: width, separator: "  ")
    }

    /// The line for a command nobody knows: every command with what it takes.
    static func unknown(_ word: String) -> String {
        let usages = all.map { $0.name + ($0.argument.map { " " + $0 } ?? "") }
        return "unknown command '\(word)': try \(usages.dropLast().joined(separator: ", ")) or \(usages.last ?? "")"
    }
}
