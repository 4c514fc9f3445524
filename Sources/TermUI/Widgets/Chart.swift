/// A full-size bar chart with a value axis on the left and bucket ticks below; braille, block or ASCII.
public struct Chart: Widget {
    public var values: [Double]
    public var mode: PlotMode
    public var style: Style
    public var axisStyle: Style
    /// Labels for the top, middle and bottom of the value axis.
    public var axisLabels: [String]
    /// Tick labels under the bars, by value index.
    public var ticks: [(index: Int, label: String)]
    /// The bucket under the cursor, drawn in `selectedStyle` with a marker on the axis.
    public var selected: Int?
    /// The style of the selected bucket.
    public var selectedStyle: Style
    /// The first bucket still to come (drawn with a dotted axis and no bar, unlike a bucket with zero use).
    public var future: Int?
    /// The bucket under way (drawn in `partialStyle`, so a wall chart does not seem to dip every hour).
    public var partial: Int?
    /// The style of the bucket under way.
    public var partialStyle: Style = .plain

    /// Creates a chart.
    public init(
        values: [Double], mode: PlotMode, style: Style, axisStyle: Style, axisLabels: [String],
        ticks: [(index: Int, label: String)], selected: Int? = nil, selectedStyle: Style = .plain, future: Int? = nil
    ) {
        self.future = future
        self.values = values
        self.mode = mode
        self.style = style
        self.axisStyle = axisStyle
        self.axisLabels = axisLabels
        self.ticks = ticks
        self.selected = selected
        self.selectedStyle = selectedStyle
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let gutter = (axisLabels.map { TextWidth.of($0) }.max() ?? 0) + 1
        guard area.width > gutter + 2, area.height >= 3, !values.isEmpty else { return }
        let plot = Rect(x: area.x + gutter + 1, y: area.y, width: area.width - gutter - 1, height: area.height - 2)
        drawAxis(plot: plot, gutter: gutter, buffer: &buffer)
        let top = max(values.max() ?? 0, 0)
        let subColumns = mode == .braille ? plot.width * 2 : plot.width
        let perRow = mode == .braille ? 4 : 8
        // Few buckets, each four cells or more wide: a gap after each bar, so they read as bars, not as a wall.
        let gapped = subColumns >= values.count * (mode == .braille ? 8 : 4)
        for sub in 0..<subColumns {
            let index = min(values.count - 1, sub * values.count / subColumns)
            if let future, index >= future { continue }
            if gapped, (sub + 1) * values.count / subColumns != index, sub + 1 < subColumns {
                continue  // the bucket's last sub-column: the gap
            }
            let v = values[index]
            let units =
                top > 0 && top.isFinite && v > 0 ? max(1, Int((v / top * Double(plot.height * perRow)).rounded())) : 0
            let columnStyle = index == selected ? selectedStyle : (index == partial ? partialStyle : style)
            drawColumn(sub: sub, units: units, plot: plot, perRow: perRow, style: columnStyle, buffer: &buffer)
        }
        drawTicks(plot: plot, buffer: &buffer)
        if let future, future < values.count {
            let dotted = mode == .ascii ? "." : "┈"
            let from = (0..<plot.width).first { ($0 * 2 + 1) * values.count / (2 * plot.width) >= future } ?? plot.width
            for x in from..<plot.width { buffer.write(dotted, x: plot.x + x, y: plot.bottom, style: axisStyle) }
        }
        // The marker goes under the first cell whose centre lies in the bucket (`Layout.chartBucket` hit-tests clicks
        // the same way), or under the nearest cell when a bucket is narrower than one.
        if let selected, values.indices.contains(selected) {
            let count = values.count, width = plot.width
            let cell = (0..<width).first { ($0 * 2 + 1) * count / (2 * width) >= selected } ?? width - 1
            buffer.write(mode == .ascii ? "^" : "▲", x: plot.x + cell, y: plot.bottom, style: selectedStyle)
        }
    }

    private func drawColumn(sub: Int, units: Int, plot: Rect, perRow: Int, style: Style, buffer: inout Buffer) {
        for row in 0..<plot.height {
            let filled = min(perRow, max(0, units - row * perRow))
            let y = plot.bottom - 1 - row
            switch mode {
            case .braille:
                let x = plot.x + sub / 2
                let existing = buffer[x, y].symbol.unicodeScalars.first?.value ?? 0x2800
                let base = (0x2800...0x28FF).contains(existing) && sub % 2 == 1 ? existing : 0x2800
                let added = PlotMode.braille(left: sub % 2 == 0 ? filled : 0, right: sub % 2 == 1 ? filled : 0)
                let code = base | added.unicodeScalars.first!.value
                if code != 0x2800 || sub % 2 == 0 {
                    let glyph = code == 0x2800 ? " " : String(Character(Unicode.Scalar(code)!))
                    buffer.write(glyph, x: x, y: y, style: style)
                }
            case .block:
                buffer.write(String(PlotMode.blocks[filled]), x: plot.x + sub, y: y, style: style)
            case .ascii:
                buffer.write(filled >= perRow / 2 ? "#" : (filled > 0 ? "." : " "), x: plot.x + sub, y: y, style: style)
            }
        }
    }

    private func drawAxis(plot: Rect, gutter: Int, buffer: inout Buffer) {
        let vertical = mode == .ascii ? "|" : "│"
        for y in plot.y..<plot.bottom { buffer.write(vertical, x: plot.x - 1, y: y, style: axisStyle) }
        let corner = mode == .ascii ? "+" : "└"
        let line = mode == .ascii ? "-" : "─"
        buffer.write(
            corner + String(repeating: line, count: plot.width), x: plot.x - 1, y: plot.bottom, style: axisStyle)
        let rows = [plot.y, plot.y + (plot.height - 1) / 2, plot.bottom - 1]
        for (label, y) in zip(axisLabels, rows) {
            buffer.write(
                TextWidth.fit(label, to: gutter - 1, alignRight: true), x: plot.x - gutter - 1, y: y, style: axisStyle)
        }
    }

    private func drawTicks(plot: Rect, buffer: inout Buffer) {
        var nextFree = plot.x - 1
        for tick in ticks {
            let x = plot.x + tick.index * plot.width / max(1, values.count)
            guard x >= nextFree, x + TextWidth.of(tick.label) <= plot.right else { continue }
            let used = buffer.write(tick.label, x: x, y: plot.bottom + 1, style: axisStyle, limit: plot.right - x)
            nextFree = x + used + 1
        }
    }
}
