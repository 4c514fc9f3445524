/// A one-row bar: key hints on the left (`q quit`), a message on the right.
public struct StatusBar: Widget {
    public var hints: [(key: String, label: String)]
    public var message: String
    public var style: Style
    public var keyStyle: Style
    public var messageStyle: Style

    /// Creates a status bar.
    public init(hints: [(key: String, label: String)], message: String, style: Style, keyStyle: Style, messageStyle: Style) {
        self.hints = hints
        self.message = message
        self.style = style
        self.keyStyle = keyStyle
        self.messageStyle = messageStyle
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), style: style)
        let messageWidth = min(TextWidth.of(message), max(0, area.width * 2 / 3))
        var x = area.x + 1
        let hintLimit = area.right - (messageWidth > 0 ? messageWidth + 2 : 0)
        for hint in hints {
            let needed = TextWidth.of(hint.key) + 1 + TextWidth.of(hint.label)
            guard x + needed <= hintLimit else { break }
            x += buffer.write(hint.key, x: x, y: area.y, style: keyStyle)
            x += buffer.write(" " + hint.label, x: x, y: area.y, style: style) + 2
        }
        if messageWidth > 0 {
            let text = TextWidth.truncate(message, to: messageWidth)
            buffer.write(text, x: area.right - 1 - TextWidth.of(text), y: area.y, style: messageStyle)
        }
    }
}
