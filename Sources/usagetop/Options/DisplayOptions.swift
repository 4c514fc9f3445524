import ArgumentParser
import DashboardScreens
import Foundation
import NcursesBackend
import TermUI

/// How the dashboard and the monitor draw: theme, chart style, ASCII fallback.
struct DisplayOptions: ParsableArguments {
    @Option(
        help:
            "Theme name: default, light, mono, ansi16, colorblind, high-contrast or one of yours (default: the profile's, else default)."
    )
    var theme: String?
    @Option(help: "Extra folder searched first for <name>.theme files.") var themesDir: String?
    @Option(help: "Chart style: braille, block or ascii.") var plot: PlotMode = .braille
    @Flag(help: "Plain ASCII borders and charts, for fonts without box drawing or braille.") var ascii = false
    @Flag(
        help:
            "Leave the mouse to the terminal (text selection) instead of clicks and the wheel selecting rows (config.toml: mouse = false)."
    )
    var noMouse = false

    /// Resolves the theme (`--theme`, else `profileTheme`, else default), prints its warnings to stderr and returns
    /// the render options, the warnings (for the status line) and whether to use colour. A locale that is not UTF-8
    /// (`LANG=C`) gets the ASCII borders and charts, as `--ascii` does.
    func resolve(profileTheme: String?) -> (options: RenderOptions, warnings: [String], useColor: Bool) {
        let resolved = ThemeResolver.resolve(name: theme ?? profileTheme ?? "default", themesDir: themesDir)
        for warning in resolved.warnings { StandardError.line("usagetop: theme: \(warning)") }
        let asciiOnly = ascii || !NcursesTerminal.localeUsesUTF8()
        let options = RenderOptions(
            theme: resolved.theme, plotMode: asciiOnly ? .ascii : plot,
            glyphs: asciiOnly ? .ascii : .unicode)
        return (options, resolved.warnings, resolved.useColor)
    }
}
