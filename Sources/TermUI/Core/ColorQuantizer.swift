/// Maps theme colours to what a terminal can show: 256 colours, 16/8 ANSI colours, or none.
public enum ColorQuantizer {
    /// The palette index for `color` on a terminal with `colors` colours; -1 means the terminal default.
    public static func index(_ color: Color, colors: Int) -> Int {
        switch color {
        case .default:
            return -1
        case .indexed(let i):
            if colors >= 256 || Int(i) < colors { return Int(i) }
            let (r, g, b) = rgb(ofIndex: Int(i))
            return nearestANSI(r, g, b, count: colors >= 16 ? 16 : 8)
        case .rgb(let r, let g, let b):
            if colors >= 256 { return cubeIndex(Int(r), Int(g), Int(b)) }
            return nearestANSI(Int(r), Int(g), Int(b), count: colors >= 16 ? 16 : 8)
        }
    }

    /// The palette indices `style` is drawn with on a terminal of `colors` colours, made visible where a small
    /// palette would hide it: on 8 colours grey text (a border) collapses to black and is drawn in the terminal's
    /// own foreground instead, text the colour of its background gets black or white, and a fill that is lost (no
    /// colours at all, or a dark fill that became black) turns into reverse video so a selection always shows.
    public static func visible(_ style: Style, colors: Int) -> (foreground: Int, background: Int, reverse: Bool) {
        let fills = style.background != .default
        guard colors > 0 else { return (-1, -1, fills) }
        var fg = index(style.foreground, colors: colors)
        let bg = index(style.background, colors: colors)
        guard colors < 16 else { return (fg, bg, false) }
        if fills && (bg == 0 || bg == -1) { return (-1, -1, true) }
        if fg == bg && fg != -1 { fg = [2, 3, 6, 7].contains(bg) ? 0 : 7 }
        if fg == 0 && bg == -1 { fg = -1 }
        return (fg, bg, false)
    }

    /// The nearest xterm-256 index (6×6×6 cube or grey ramp).
    public static func cubeIndex(_ r: Int, _ g: Int, _ b: Int) -> Int {
        func level(_ v: Int) -> Int { v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40 }
        let cube = 16 + 36 * level(r) + 6 * level(g) + level(b)
        let grey = max(0, min(23, (((r + g + b) / 3) - 3) / 10))
        let (cr, cg, cb) = rgb(ofIndex: cube)
        let (gr, gg, gb) = rgb(ofIndex: 232 + grey)
        return distance(r, g, b, cr, cg, cb) <= distance(r, g, b, gr, gg, gb) ? cube : 232 + grey
    }

    /// The approximate RGB of an xterm-256 index.
    public static func rgb(ofIndex i: Int) -> (Int, Int, Int) {
        if i < 16 { return ansi[i] }
        if i >= 232 { let v = 8 + (i - 232) * 10; return (v, v, v) }
        let c = i - 16
        let steps = [0, 95, 135, 175, 215, 255]
        return (steps[c / 36], steps[(c / 6) % 6], steps[c % 6])
    }

    private static let ansi: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
        (255, 255, 255),
    ]

    private static func nearestANSI(_ r: Int, _ g: Int, _ b: Int, count: Int) -> Int {
        (0..<count).min {
            distance(r, g, b, ansi[$0].0, ansi[$0].1, ansi[$0].2)
                < distance(r, g, b, ansi[$1].0, ansi[$1].1, ansi[$1].2)
        } ?? 7
    }

    private static func distance(_ r1: Int, _ g1: Int, _ b1: Int, _ r2: Int, _ g2: Int, _ b2: Int) -> Int {
        (r1 - r2) * (r1 - r2) * 3 + (g1 - g2) * (g1 - g2) * 4 + (b1 - b2) * (b1 - b2) * 2
    }
}
