/// A centred, bordered overlay that clears what is under it and shows lines of text.
public struct Modal: Widget {
    public var title: String
    public var lines: [String]
    public var footer: String
    public var style: Style
    public var borderStyle: Style
    public var titleStyle: Style
    public var glyphs: GlyphSet
    /// The first line shown (for scrolling long content).
    public var scroll: Int

    /// Creates a modal.
    public init(
        title: String, lines: [String], footer: String = "", scroll: Int = 0, style: Style, borderStyle: Style,
        titleStyle: Style, glyphs: GlyphSet = .unicode
    ) {
        self.title = title
        self.lines = lines
        self.footer = footer
        self.scroll = scroll
        self.style = style
        self.borderStyle = borderStyle
        self.titleStyle = titleStyle
        self.glyphs = glyphs
    }

    /// The rectangle the modal takes inside `area`.
    public func frame(in area: Rect) -> Rect {
        let contentWidth = max(
            TextWidth.of(title) + 4, TextWidth.of(footer) + 4, lines.map { TextWidth.of($0) }.max() ?? 0)
        return area.centered(
            width: min(area.width - 2, contentWidth + 4), height: min(area.height - 2, lines.count + 2))
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let box = frame(in: area)
        guard box.width >= 4, box.height >= 3 else { return }
        buffer.fill(box, style: style)
        Block(title: title, footer: footer, borderStyle: borderStyle, titleStyle: titleStyle, glyphs: glyphs)
            .render(in: box, buffer: &buffer)
        let inner = box.inset(dx: 2, dy: 1)
        for (row, line) in lines.dropFirst(scroll).prefix(inner.height).enumerated() {
            buffer.write(TextWidth.truncate(line, to: inner.width), x: inner.x, y: inner.y + row, style: style)
        }
    }
}
