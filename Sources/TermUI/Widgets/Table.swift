/// A scrolling table that asks for cell text by index, so a 100,000-row table draws only what is visible.
public struct Table: Widget {
    /// A column: title, width in columns (0 = take what is left) and alignment.
    public struct Column: Sendable, Hashable {
        public var title: String
        public var width: Int
        public var alignRight: Bool
        /// Creates a column.
        public init(_ title: String, width: Int, alignRight: Bool = false) {
            self.title = title
            self.width = width
            self.alignRight = alignRight
        }
    }

    public var columns: [Column]
    public var rowCount: Int
    public var cell: (_ row: Int, _ column: Int) -> String
    public var cellStyle: (_ row: Int, _ column: Int) -> Style?
    public var selected: Int?
    public var offset: Int
    public var headerStyle: Style
    public var style: Style
    public var selectedStyle: Style

    /// Creates a table.
    public init(
        columns: [Column], rowCount: Int, offset: Int, selected: Int?, style: Style, headerStyle: Style,
        selectedStyle: Style, cell: @escaping (Int, Int) -> String,
        cellStyle: @escaping (Int, Int) -> Style? = { _, _ in nil }
    ) {
        self.columns = columns
        self.rowCount = rowCount
        self.offset = offset
        self.selected = selected
        self.style = style
        self.headerStyle = headerStyle
        self.selectedStyle = selectedStyle
        self.cell = cell
        self.cellStyle = cellStyle
    }

    /// Column widths that fit `width`, with one space between columns; flexible columns share the rest.
    public static func layout(_ columns: [Column], width: Int) -> [Int] {
        let gaps = max(0, columns.count - 1)
        let fixed = columns.reduce(0) { $0 + $1.width }
        let flexible = columns.filter { $0.width == 0 }.count
        let spare = max(0, width - fixed - gaps)
        var widths = columns.map { $0.width == 0 ? (flexible > 0 ? spare / flexible : 0) : $0.width }
        var excess = widths.reduce(0, +) + gaps - width
        var i = widths.count - 1
        while excess > 0 && i >= 0 {
            let cut = min(excess, widths[i])
            widths[i] -= cut
            excess -= cut
            i -= 1
        }
        return widths
    }

    /// Rows of data that fit in an area of `height` (one row is the header).
    public static func visibleRows(height: Int) -> Int { max(0, height - 1) }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let widths = Self.layout(columns, width: area.width)
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), style: headerStyle)
        drawRow(y: area.y, area: area, widths: widths, buffer: &buffer) {
            columns[$0].title
        } style: { _ in
            headerStyle
        }
        let visible = Self.visibleRows(height: area.height)
        for line in 0..<visible {
            let row = offset + line
            let y = area.y + 1 + line
            guard row < rowCount else { break }
            let isSelected = row == selected
            let rowStyle = isSelected ? selectedStyle : style
            buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: rowStyle)
            drawRow(y: y, area: area, widths: widths, buffer: &buffer) {
                cell(row, $0)
            } style: { column in
                guard let custom = cellStyle(row, column) else { return rowStyle }
                return isSelected
                    ? Style(
                        foreground: custom.foreground, background: rowStyle.background,
                        attributes: custom.attributes.union(rowStyle.attributes)) : custom
            }
        }
    }

    private func drawRow(
        y: Int, area: Rect, widths: [Int], buffer: inout Buffer, text: (Int) -> String, style: (Int) -> Style
    ) {
        var x = area.x
        for (index, width) in widths.enumerated() where width > 0 {
            let content = TextWidth.fit(text(index), to: width, alignRight: columns[index].alignRight)
            buffer.write(content, x: x, y: y, style: style(index), limit: width)
            x += width + 1
        }
    }
}
