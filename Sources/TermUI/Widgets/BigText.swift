/// Text five rows tall in block glyphs, for numbers read from across a room (digits, `:`, `.`, `,`, `-`, space and
/// the suffixes `k M B G T`; anything else is drawn as a space).
public struct BigText: Widget {
    public var text: String
    public var style: Style
    public var glyphs: GlyphSet

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
    public init(_ text: String, style: Style, glyphs: GlyphSet = .unicode) {
        self.text = text
        self.style = style
        self.glyphs = glyphs
    }

    /// Columns `text` takes: each glyph's width and a column between glyphs.
    public static func width(of text: String) -> Int {
        let widths = text.map { (font[$0] ?? font[" "]!)[0].count }
        return widths.reduce(0, +) + max(0, widths.count - 1)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard area.height >= Self.height, Self.width(of: text) <= area.width else { return }
        let fill = glyphs == .ascii ? "#" : "█"
        var x = area.x
        for character in text {
            let rows = Self.font[character] ?? Self.font[" "]!
            for (dy, row) in rows.enumerated() {
                for (dx, cell) in row.enumerated() where cell == "#" {
                    buffer.write(fill, x: x + dx, y: area.y + dy, style: style)
                }
            }
            x += rows[0].count + 1
        }
    }
}
