import ArgumentParser

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
        subcommands: [
            DashboardCommand.self, MonitorCommand.self, CustomersCommand.self, SnapshotCommand.self, TimeseriesCommand.self,
            EventsCommand.self, IngestCommand.self, DemoCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )
}
