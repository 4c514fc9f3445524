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
    @Option(help: "Theme name: default, light, mono, ansi16 or one of yours (default: the profile's, else default).")
    var theme: String?
    @Option(help: "Extra folder searched first for <name>.theme files.") var themesDir: String?
    @Option(help: "Starting period: today, last-24-hours, last-7-days, last-30-days, this-month, last-month.")
    var period: PeriodPreset = .thisMonth
    @Option(help: "Chart style: braille, block or ascii.") var plot: PlotMode = .braille
    @Option(help: "Refresh automatically every SECONDS (minimum 1; default: the profile's, else off; + and - change it).")
    var refresh: Int?
    @Flag(help: "Plain ASCII borders and charts, for fonts without box drawing or braille.") var ascii = false

    func run() async throws {
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
            throw Failure.exit("the dashboard needs a terminal; use `usagetop customers|snapshot|timeseries|events` in scripts")
        }
        var ignored: [String] = []
        let profile = (try? source.selectedProfile(warnings: &ignored)) ?? nil
        let profileTheme = profile?.theme
        let resolved = ThemeResolver.resolve(name: theme ?? profileTheme ?? "default", themesDir: themesDir)
        for warning in resolved.warnings { FileHandle.standardError.write(Data("usagetop: theme: \(warning)\n".utf8)) }
        let service: DataService
        do {
            service = try source.makeService()
        } catch {
            throw Failure.exit(error)
        }
        let options = RenderOptions(
            theme: resolved.theme, plotMode: ascii ? .ascii : plot, glyphs: ascii ? .ascii : .unicode)
        let program = DashboardProgram.make(
            service: service, options: options, period: period, refresh: refresh ?? profile?.refresh,
            warnings: resolved.warnings)
        TerminalLoop.run(program, terminal: NcursesTerminal(useColor: resolved.useColor))
    }
}

extension PeriodPreset: ExpressibleByArgument {}
extension PlotMode: ExpressibleByArgument {}
