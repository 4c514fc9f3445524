import ArgumentParser
import Foundation
import AppConfig
import UsageCore

/// The `usagetop` command: the dashboard by default, plus headless and store commands.
@main
struct Usagetop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usagetop",
        abstract: "A terminal dashboard for customer usage in usage-based billing.",
        discussion: """
            With no subcommand, opens the dashboard on the embedded store \
            ($XDG_DATA_HOME/usagetop/usage.sqlite), filling it with demo data on first run.
            """,
        version: UsagetopVersion.text,
        subcommands: [
            DashboardCommand.self, MonitorCommand.self, CustomersCommand.self, SnapshotCommand.self,
            TimeseriesCommand.self,
            EventsCommand.self, BreakdownCommand.self, IngestCommand.self, SyncCommand.self, ReconcileCommand.self,
            DemoCommand.self, StoreCommand.self,
            InfoCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )

    /// ArgumentParser's own `main`, except that what it prints about an error (which repeats the arguments as typed)
    /// is escaped like every other line usagetop writes.
    static func main() async {
        StandardOutput.ignoreBrokenPipes()
        WeekStart.current = Self.configuredWeekStart()
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = EscapedText.lines(fullMessage(for: error))
            if !message.isEmpty {
                StandardOutput.write(message + "\n", to: code == .success ? STDOUT_FILENO : STDERR_FILENO)
            }
            Foundation.exit(code.rawValue)
        }
    }

    /// `config.toml`'s `week_start`, read before anything resolves a period (a file that cannot be read is said by
    /// the command that reads it; here it leaves weeks on Monday).
    private static func configuredWeekStart() -> WeekStart {
        var warnings: [String] = []
        let path = ConfigFile.defaultPath(environment: ProcessInfo.processInfo.environment)
        return (try? ConfigFile.load(path: path, warnings: &warnings))?.weekStart ?? .monday
    }
}
