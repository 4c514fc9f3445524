/// A bordered box with a title on the top edge and an optional note on the bottom edge.
public struct Block: Widget {
    public var title: String
    public var footer: String
    public var borderStyle: Style
    public var titleStyle: Style
    public var glyphs: GlyphSet

    /// Creates a block.
    public init(
        title: String = "", footer: String = "", borderStyle: Style, titleStyle: Style, glyphs: GlyphSet = .unicode
    ) {
        self.title = title
        self.footer = footer
        self.borderStyle = borderStyle
        self.titleStyle = titleStyle
        self.glyphs = glyphs
    }

    /// The area inside the border.
    public static func inner(_ area: Rect) -> Rect { area.inset(dx: 1, dy: 1) }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard area.width >= 2, area.height >= 2 else { return }
        let (h, v, tl, tr, bl, br) =
            glyphs == .unicode
            ? ("─", "│", "┌", "┐", "└", "┘") : ("-", "|", "+", "+", "+", "+")
        let horizontal = String(repeating: h, count: area.width - 2)
        buffer.write(tl + horizontal + tr, x: area.x, y: area.y, style: borderStyle)
        buffer.write(bl + horizontal + br, x: area.x, y: area.bottom - 1, style: borderStyle)
        for y in (area.y + 1)..<(area.bottom - 1) {
            buffer.write(v, x: area.x, y: y, style: borderStyle)
            buffer.write(v, x: area.right - 1, y: y, style: borderStyle)
        }
        if !title.isEmpty, area.width > 4 {
            buffer.write(
                " " + TextWidth.truncate(title, to: area.width - 4) + " ", x: area.x + 1, y: area.y, style: titleStyle)
        }
        if !footer.isEmpty, area.width > 4 {
            let text = " " + TextWidth.truncate(footer, to: area.width - 4) + " "
            buffer.write(text, x: area.right - 1 - TextWidth.of(text), y: area.bottom - 1, style: borderStyle)
        }
    }
}
