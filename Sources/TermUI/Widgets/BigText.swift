/// Text five rows tall in block glyphs (ten at scale 2, for a wall screen), for numbers read from across a room
/// (digits, `:`, `.`, `,`, `-`, space and the suffixes `k M B G T`; anything else is drawn as a space).
public struct BigText: Widget {
    public var text: String
    public var style: Style
    public var glyphs: GlyphSet
    /// How many cells each dot of the font takes across and down.
    public var scale: Int

    /// Rows of each glyph, `#` for a filled cell.
    static let font: [Character: [String]] = [
        "0": ["###", "# #", "# #", "# #", "###"], "1": ["  #", "  #", "  #", "  #", "  #"],
        "2": ["###", "  #", "###", "#  ", "###"], "3": ["###", "  #", "###", "  #", "###"],
        "4": ["# #", "# #", "###", "  #", "  #"], "5": ["###", "#  ", "###", "  #", "###"],
        "6": ["###", "#  ", "###", "# #", "###"], "7": ["###", "  #", "  #", "  #", "  #"],
        "8": ["###", "# #", "###", "# #", "###"], "9": ["###", "# #", "###", "  #", "###"],
        ":": [" ", "#", " ", "#", " "], ".": [" ", " ", " ", " ", "#"], ",": [" ", " ", " ", " ", "#"],
        "-": ["   ", "   ", "###", "   ", "   "], " ": [" ", " ", " ", " ", " "],
        "k": ["#  ", "# #", "## ", "# #", "# #"], "M": ["# #", "###", "# #", "# #", "# #"],
        "B": ["## ", "# #", "## ", "# #", "## "], "G": ["###", "#  ", "# #", "# #", "###"],
        "T": ["###", " # ", " # ", " # ", " # "],
    ]

    /// The rows the text takes.
    public static let height = 5

    /// Creates big text.
    public init(_ text: String, style: Style, glyphs: GlyphSet = .unicode, scale: Int = 1) {
        self.text = text
        self.style = style
        self.glyphs = glyphs
        self.scale = max(1, scale)
    }

    /// Columns `text` takes at `scale`: each glyph's width and a gap between glyphs.
    public static func width(of text: String, scale: Int = 1) -> Int {
        let widths = text.map { (font[$0] ?? font[" "]!)[0].count }
        return (widths.reduce(0, +) + max(0, widths.count - 1)) * max(1, scale)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard area.height >= Self.height * scale, Self.width(of: text, scale: scale) <= area.width else { return }
        let fill = glyphs == .ascii ? "#" : "█"
        var x = area.x
        for character in text {
            let rows = Self.font[character] ?? Self.font[" "]!
            for (dy, row) in rows.enumerated() {
                for (dx, cell) in row.enumerated() where cell == "#" {
                    for sy in 0..<scale {
                        for sx in 0..<scale {
                            buffer.write(fill, x: x + dx * scale + sx, y: area.y + dy * scale + sy, style: style)
                        }
                    }
                }
            }
            x += (rows[0].count + 1) * scale
        }
    }
}
