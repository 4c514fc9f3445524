import AppConfig
import ArgumentParser
import DashboardScreens
import Foundation
import NcursesBackend
import TermUI
import UsageCore

/// The interactive dashboard (the default command).
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "Open the interactive dashboard (the default).")

    @OptionGroup var source: SourceOptions
    @OptionGroup var display: DisplayOptions
    @OptionGroup var when: PeriodOptions
    @Option(
        help: "Refresh automatically every SECONDS (minimum 1; default: the profile's, else off; + and - change it).")
    var refresh: Int?
    @Option(
        help: "Open straight on this customer: its id, or a name (case-insensitive; words in any order).",
        completion: NameCompletion.customers)
    var customer: String?
    @Option(
        help: ArgumentHelp(
            "Open the customers table with a change column against the period before (previous), or the same "
                + "stretch a month or a year before (c cycles them).", valueName: "previous|last-month|last-year"))
    var compare: Comparison?

    func validate() throws {
        let range = Profile.refreshRange
        if let refresh, !range.contains(refresh) {
            throw ValidationError("--refresh must be from 1 to \(range.upperBound) seconds")
        }
    }

    func run() async throws {
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
            throw Failure.exit(
                "the dashboard needs a terminal; use `usagetop customers|snapshot|timeseries|events` in scripts")
        }
        if let problem = NcursesTerminal.unsupportedTerminal(environment: ProcessInfo.processInfo.environment) {
            throw Failure.exit(problem)
        }
        var ignored: [String] = []
        let profile = (try? source.selectedProfile(warnings: &ignored)) ?? nil
        let config = (try? source.configFile(warnings: &ignored)) ?? ConfigFile()
        let resolved = display.resolve(profileTheme: profile?.theme)
        let service: DataService
        do {
            service = try await source.makeService()
        } catch {
            throw Failure.exit(error)
        }
        var opening: Customer?
        var candidates: (text: String, count: Int)?
        if let customer {
            do {
                let matches = try await service.customers(matching: customer)
                if matches.count > 1 {
                    candidates = (customer, matches.count)  // the list of them, to pick from
                } else {
                    opening = try await service.findCustomer(customer)
                }
            } catch {
                throw Failure.exit(error)
            }
        }
        let (source, display) = (source, display)
        var setup = DashboardProgram.Setup(
            options: resolved.options, period: try when.choice(default: .preset(.thisMonth)),
            refresh: refresh ?? profile?.refresh,
            warnings: resolved.warnings, customer: opening, keys: KeyBindingsConfig.overrides(config))
        // What config.toml got wrong, said once on the status line (stderr is hidden under the screen).
        var said: [String] = []
        for warning in ignored {
            // The file is config.toml: the line names the problem, not the path to it.
            let short = warning.range(of: "config.toml: ").map { String(warning[$0.upperBound...]) } ?? warning
            if !said.contains(short) { said.append(short) }
        }
        let configNotice = said.first.map {
            "config: \($0)" + (said.count > 1 ? " (+\(said.count - 1) more: usagetop info)" : "")
        }
        setup.notice = await service.planProblems().first ?? configNotice
        setup.candidates = candidates
        setup.comparison = compare
        setup.themeFolders = ThemeLoader.searchPath(
            themesDir: display.themesDir, environment: ProcessInfo.processInfo.environment)
        (setup.useColor, setup.profiles, setup.profile) = (
            resolved.useColor, config.profiles.keys.sorted(), source.profile
        )
        setup.openProfile = { name in
            let other = source.switching(to: name)
            do throws(UsageError) {
                var warnings: [String] = []
                let theme = display.theme == nil ? try other.selectedProfile(warnings: &warnings)?.theme : nil
                return .success((try await other.makeService(interactive: false), theme))
            } catch {
                return .failure(error)
            }
        }
        let ready = setup
        do {
            try await TerminalLoop.run(
                useColor: resolved.useColor, mouse: config.usesMouse(profile: profile, noMouseFlag: display.noMouse)
            ) {
                DashboardProgram.make(service: service, setup: ready)
            }
        } catch {
            throw Failure.exit(error.message)
        }
    }
}

extension PlotMode: ExpressibleByArgument {}
