/// A one-row bar: key hints on the left (`q quit`), a message on the right.
public struct StatusBar: Widget {
    public var hints: [(key: String, label: String)]
    public var message: String
    public var style: Style
    public var keyStyle: Style
    public var messageStyle: Style
    /// How many of the last hints are always shown (`? help`, `q quit`): the others make room for them first.
    public var pinned: Int

    /// Creates a status bar.
    public init(
        hints: [(key: String, label: String)], message: String, style: Style, keyStyle: Style, messageStyle: Style,
        pinned: Int = 0
    ) {
        self.hints = hints
        self.message = message
        self.style = style
        self.keyStyle = keyStyle
        self.messageStyle = messageStyle
        self.pinned = min(max(0, pinned), hints.count)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), style: style)
        let messageWidth = min(TextWidth.of(message), max(0, area.width * 2 / 3))
        var x = area.x + 1
        let hintLimit = area.right - (messageWidth > 0 ? messageWidth + 2 : 0)
        func width(_ hint: (key: String, label: String)) -> Int {
            TextWidth.of(hint.key) + 1 + TextWidth.of(hint.label) + 2
        }
        let kept = Array(hints.suffix(pinned)), optional = hints.dropLast(pinned)
        var room = hintLimit - x + 2 - kept.reduce(0) { $0 + width($1) }
        var shown: [(key: String, label: String)] = []
        for hint in optional {
            guard width(hint) <= room else { break }
            room -= width(hint)
            shown.append(hint)
        }
        for hint in shown + kept where x + width(hint) - 2 <= hintLimit {
            x += buffer.write(hint.key, x: x, y: area.y, style: keyStyle)
            x += buffer.write(" " + hint.label, x: x, y: area.y, style: style) + 2
        }
        if messageWidth > 0 {
            let text = TextWidth.truncate(message, to: messageWidth)
            buffer.write(text, x: area.right - 1 - TextWidth.of(text), y: area.y, style: messageStyle)
        }
    }
}
