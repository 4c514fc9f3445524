import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// Rows printed as an aligned text table or as CSV.
struct TabularOutput {
    var headers: [String]
    var rows: [[String]]
    /// Columns aligned right (numbers).
    var rightAligned: Set<Int> = []

    /// The widest a table cell may be, in columns; longer text ends in `…` (JSON and CSV keep it whole).
    static let maxCellWidth = 200

    /// Columns padded by display width, two spaces apart; headers (metric codes from a provider) and data text are
    /// sanitized, data cut to `maxCellWidth`.
    /// Linear in the length of the text, however long a name is.
    /// Numbers in right-aligned columns get thousands separators and their decimal points in line (CSV keeps them
    /// as they are).
    func table() -> String {
        var clean = rows.map { $0.map { TextWidth.truncate(TextSanitizer.sanitize($0), to: Self.maxCellWidth) } }
        for column in rightAligned where headers.indices.contains(column) {
            let cells = clean.map { DecimalText.grouping($0[column]) }
            let decimals = cells.map(DecimalText.decimals(of:)).max() ?? 0
            for row in clean.indices { clean[row][column] = DecimalText.aligned(cells[row], decimals: decimals) }
        }
        let widths = headers.indices.map { column in
            ([TextSanitizer.sanitize(headers[column])] + clean.map { $0[column] }).map { TextWidth.of($0) }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            var text = cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: max(0, widths[column] - TextWidth.of(cell)))
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ")
            while text.utf8.last == 0x20 { text.removeLast() }
            return text
        }
        return ([line(headers.map(TextSanitizer.sanitize))] + clean.map(line)).joined(separator: "\n")
    }

}

extension TabularOutput {
    /// The text of an answer's table (the columns `y` and `:export` give for the same view).
    init(_ table: ExportTable) {
        self.init(headers: table.headers, rows: table.textRows, rightAligned: table.numericColumns)
    }
}
