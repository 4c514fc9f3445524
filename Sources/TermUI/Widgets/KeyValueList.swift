/// Aligned `key  value` lines.
public struct KeyValueList: Widget {
    public var pairs: [(String, String)]
    public var keyStyle: Style
    public var valueStyle: Style

    /// Creates a list.
    public init(pairs: [(String, String)], keyStyle: Style, valueStyle: Style) {
        self.pairs = pairs
        self.keyStyle = keyStyle
        self.valueStyle = valueStyle
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let keyWidth = min(area.width / 2, pairs.map { TextWidth.of($0.0) }.max() ?? 0)
        for (line, pair) in pairs.prefix(area.height).enumerated() {
            let y = area.y + line
            buffer.write(TextWidth.fit(pair.0, to: keyWidth), x: area.x, y: y, style: keyStyle)
            let valueWidth = area.width - keyWidth - 2
            if valueWidth > 0 {
                buffer.write(TextWidth.truncate(pair.1, to: valueWidth), x: area.x + keyWidth + 2, y: y, style: valueStyle)
            }
        }
    }
}
