import TermUI

/// How the dashboard draws: theme and glyphs (braille by default, block or ASCII as fallbacks).
public struct RenderOptions: Sendable {
    /// The colour theme.
    public var theme: Theme
    /// Sparkline and chart style.
    public var plotMode: PlotMode
    /// Border glyphs.
    public var glyphs: GlyphSet

    /// Creates options.
    public init(theme: Theme = .standard, plotMode: PlotMode = .braille, glyphs: GlyphSet = .unicode) {
        self.theme = theme
        self.plotMode = plotMode
        self.glyphs = glyphs
    }
}
