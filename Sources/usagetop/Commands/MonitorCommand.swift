import AppConfig
import ArgumentParser
import DashboardScreens
import Foundation
import RemoteProviders
import NcursesBackend
import TermUI
import UsageCore
import UsageViewModel

/// The wall monitor: top customers, all-customer charts, totals and alerts, refreshing by itself for days.
struct MonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "A wall-screen monitor that needs no input: top customers, charts, totals and alerts.",
        discussion: """
            Refreshes every 2 s on the local store and every 30 s on a provider's API (--refresh, + and -); \
            space pauses. Panels show the age of their data and turn "stale" after three missed refreshes; \
            a banner names what is failing and when the next try is. Alert rules come from [alerts] in \
            config.toml (see the README).
            """)

    @OptionGroup var source: SourceOptions
    @OptionGroup var display: DisplayOptions
    @OptionGroup var when: PeriodOptions
    @Option(help: "Refresh every SECONDS (minimum 1; default: the profile's, else 2 for local and 30 for APIs).")
    var refresh: Int?
    @Option(help: "Show the next metric every SECONDS.") var cycle: Int?
    @Flag(help: "The clock and the metric's total in big digits across the top (B toggles it).") var big = false

    func validate() throws {
        let range = Profile.refreshRange
        if let refresh, !range.contains(refresh) {
            throw ValidationError("--refresh must be from 1 to \(range.upperBound) seconds")
        }
        if let cycle, !range.contains(cycle) {
            throw ValidationError("--cycle must be from 1 to \(range.upperBound) seconds")
        }
    }

    func run() async throws {
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
            throw Failure.exit("the monitor needs a terminal; use `usagetop snapshot --format json` in scripts")
        }
        if let problem = NcursesTerminal.unsupportedTerminal(environment: ProcessInfo.processInfo.environment) {
            throw Failure.exit(problem)
        }
        var warnings: [String] = []
        let config: ConfigFile
        let profile: Profile?
        let kind: ProviderDescriptor?
        let service: DataService
        do {
            config = try source.configFile(warnings: &warnings)
            profile = try source.selectedProfile(warnings: &warnings)
            kind = try source.kind(profile: profile)
            service = try await source.makeService(priced: false)
        } catch {
            throw Failure.exit(error)
        }
        let resolved = display.resolve(profileTheme: profile?.theme)
        var state = MonitorState(
            now: Date(), width: 80, height: 24, providerName: service.providerName, capabilities: service.capabilities,
            period: try when.choice(default: .preset(.last24Hours)),
            refreshSeconds: refresh ?? profile?.refresh ?? kind?.defaultRefreshSeconds ?? 2,
            cycleSeconds: cycle, rules: config.alertRules(profile: profile), scansAllMetrics: kind == nil)
        state.keyOverrides = KeyBindingsConfig.overrides(config)
        state.bigNumbers = big
        let ready = state
        do {
            try await TerminalLoop.run(
                useColor: resolved.useColor, mouse: config.usesMouse(profile: profile, noMouseFlag: display.noMouse)
            ) {
                MonitorProgram.make(
                    service: service, options: resolved.options, state: ready, warnings: resolved.warnings)
            }
        } catch {
            throw Failure.exit(error.message)
        }
    }
}
