/// A one-row sparkline: block eighths, braille (two values per cell) or ASCII.
public struct Sparkline: Widget {
    public var values: [Double]
    public var mode: PlotMode
    public var style: Style
    /// The value drawn as full height; the largest value when nil.
    public var maximum: Double?

    /// Creates a sparkline.
    public init(values: [Double], mode: PlotMode, style: Style, maximum: Double? = nil) {
        self.values = values
        self.mode = mode
        self.style = style
        self.maximum = maximum
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        buffer.write(
            Self.text(values: values, width: area.width, mode: mode, maximum: maximum), x: area.x, y: area.y,
            style: style, limit: area.width)
    }

    /// The sparkline as a string of at most `width` cells (for table cells).
    public static func text(values: [Double], width: Int, mode: PlotMode, maximum: Double? = nil) -> String {
        guard width > 0 else { return "" }
        let slots = mode == .braille ? width * 2 : width
        let sampled = values.count <= slots ? values : PlotMode.resample(values, to: slots)
        let top = max(maximum ?? sampled.max() ?? 0, 0)
        func level(_ v: Double, _ steps: Int) -> Int {
            guard top > 0, top.isFinite, v > 0 else { return 0 }
            return max(1, min(steps, Int((v / top * Double(steps)).rounded())))
        }
        var text = ""
        switch mode {
        case .braille:
            var i = 0
            while i < sampled.count {
                let right = i + 1 < sampled.count ? level(sampled[i + 1], 4) : 0
                let cell = PlotMode.braille(left: level(sampled[i], 4), right: right)
                text.append(cell == "\u{2800}" ? " " : cell)
                i += 2
            }
        case .block:
            for v in sampled { text.append(PlotMode.blocks[level(v, 8)]) }
        case .ascii:
            for v in sampled { text.append(PlotMode.asciiLevels[level(v, 8)]) }
        }
        return text
    }
}
