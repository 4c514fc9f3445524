extension Buffer {
    /// A golden-test dump: the text framed by `|`, then per row the runs of each style (`0-9 fg=.. bg=..`).
    public var dump: String {
        var out = "size \(width)x\(height)\n"
        for y in 0..<height { out += "|" + line(y) + "|\n" }
        out += "styles:\n"
        for y in 0..<height {
            var runs: [String] = []
            var start = 0
            for x in 1...max(1, width) where x == width || cells[y * width + x].style != cells[y * width + start].style
            {
                runs.append("\(start)-\(x - 1) \(cells[y * width + start].style.code)")
                start = x
            }
            if width > 0 { out += "\(y): " + runs.joined(separator: "; ") + "\n" }
        }
        return out
    }

    /// Runs of changed cells between `previous` and this buffer, row by row, one style per run.
    public func changes(since previous: Buffer?) -> [CellRun] {
        var runs: [CellRun] = []
        let full = previous == nil || previous?.width != width || previous?.height != height
        for y in 0..<height {
            var x = 0
            while x < width {
                let index = y * width + x
                if !full && previous!.cells[index] == cells[index] {
                    x += 1
                    continue
                }
                let style = cells[index].style
                var text = ""
                let start = x
                while x < width {
                    let i = y * width + x
                    let changed = full || previous!.cells[i] != cells[i]
                    if cells[i].style != style || (!changed && !cells[i].isContinuation) { break }
                    text += cells[i].symbol
                    x += 1
                }
                if text.isEmpty {
                    x += 1
                    continue
                }
                runs.append(CellRun(x: start, y: y, text: text, style: style))
            }
        }
        return runs
    }
}

/// A stretch of cells in one row with one style, as the backend draws it.
public struct CellRun: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var text: String
    public var style: Style

    /// Creates a run.
    public init(x: Int, y: Int, text: String, style: Style) {
        self.x = x
        self.y = y
        self.text = text
        self.style = style
    }
}

extension Buffer: CustomStringConvertible {
    /// The buffer's text, for readable test failures.
    public var description: String { "\n" + text }
}
