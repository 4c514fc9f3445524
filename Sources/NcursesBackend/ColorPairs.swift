import CNcurses
import TermUI

/// Allocates curses colour pairs on demand for the (foreground, background) combinations a frame uses.
struct ColorPairs {
    private let colors: Int
    private let limit: Int
    private var pairs: [Int: Int32] = [:]
    private var next: Int32 = 1

    init(colors: Int, limit: Int) {
        self.colors = colors
        self.limit = limit
    }

    /// The attribute bits and colour pair for `style`.
    mutating func attributes(for style: Style) -> (Int32, Int32) {
        var attrs: Int32 = shim_attr_normal()
        if style.attributes.contains(.bold) { attrs |= shim_attr_bold() }
        if style.attributes.contains(.dim) { attrs |= shim_attr_dim() }
        if style.attributes.contains(.underline) { attrs |= shim_attr_underline() }
        let (fg, bg, reverse) = ColorQuantizer.visible(style, colors: colors)
        if style.attributes.contains(.reverse) || reverse { attrs |= shim_attr_reverse() }
        if fg == -1 && bg == -1 { return (attrs, 0) }
        let key = (fg + 1) * 1_000 + (bg + 1)
        if let pair = pairs[key] { return (attrs, pair) }
        guard Int(next) < min(limit, 32_767) else { return (attrs, 0) }
        let pair = next
        next += 1
        init_extended_pair(pair, Int32(fg), Int32(bg))
        pairs[key] = pair
        return (attrs, pair)
    }
}
