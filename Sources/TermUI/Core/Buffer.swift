/// An in-memory grid of cells that widgets draw into; the backend draws it, tests read it as text.
public struct Buffer: Sendable, Equatable {
    /// Width in columns.
    public private(set) var width: Int
    /// Height in rows.
    public private(set) var height: Int
    /// Cells row by row.
    public private(set) var cells: [Cell]

    /// A buffer of blank cells in `style`.
    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(" ", style: style), count: self.width * self.height)
    }

    /// A buffer holding `lines` in the plain style (for picture-style tests).
    public init(lines: [String]) {
        let w = lines.map { TextWidth.of($0) }.max() ?? 0
        self.init(width: w, height: lines.count)
        for (row, line) in lines.enumerated() { write(line, x: 0, y: row, style: .plain) }
    }

    /// The whole area.
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at a position (a blank cell when out of bounds).
    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x, y) ? cells[y * width + x] : Cell() }
        set { if contains(x, y) { cells[y * width + x] = newValue } }
    }

    private func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Writes sanitized `text` at (x, y), clipped to `limit` columns (and the buffer); returns columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let end = min(width, x + (limit ?? width))
        var column = x
        if TextWidth.isSimple(text) {
            for scalar in text.unicodeScalars {
                guard column < end else { break }
                if column >= 0 { put(String(scalar), width: 1, x: column, y: y, style: style) }
                column += 1
            }
            return max(0, column - x)
        }
        for character in TextSanitizer.sanitize(text) {
            let w = TextWidth.of(character)
            guard column + w <= end else { break }
            if column >= 0 { put(String(character), width: w, x: column, y: y, style: style) }
            column += w
        }
        return max(0, column - x)
    }

    private mutating func put(_ symbol: String, width w: Int, x: Int, y: Int, style: Style) {
        let index = y * width + x
        if cells[index].isContinuation && x > 0 { cells[index - 1].symbol = " " }
        if x + 1 < width && cells[index + 1].isContinuation && w == 1 { cells[index + 1].symbol = " " }
        cells[index] = Cell(symbol, style: style)
        if w == 2 {
            if x + 2 < width && cells[index + 2].isContinuation { cells[index + 2].symbol = " " }
            cells[index + 1] = Cell("", style: style)
        }
    }

    /// Fills `rect` with `symbol` in `style`.
    public mutating func fill(_ rect: Rect, symbol: String = " ", style: Style) {
        let r = rect.intersection(area)
        for y in r.y..<r.bottom {
            for x in r.x..<r.right { cells[y * width + x] = Cell(symbol, style: style) }
        }
    }

    /// Changes the style of every cell in `rect`, keeping the symbols.
    public mutating func setStyle(_ rect: Rect, style: Style) {
        let r = rect.intersection(area)
        for y in r.y..<r.bottom {
            for x in r.x..<r.right { cells[y * width + x].style = style }
        }
    }

    /// The text of one row (continuation cells skipped).
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        return cells[(y * width)..<((y + 1) * width)].map(\.symbol).joined()
    }

    /// The screen as plain text rows, trailing spaces kept.
    public var text: String { (0..<height).map(line).joined(separator: "\n") }
}
