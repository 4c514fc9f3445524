import Foundation
import TermUI
import UsageCore

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
            let cells = clean.map { Self.grouped($0[column]) }
            let decimals = cells.map { Self.decimals(of: $0) }.max() ?? 0
            for row in clean.indices {
                let have = Self.decimals(of: cells[row])
                let pad = decimals == 0 ? 0 : decimals - have + (have == 0 && !cells[row].contains(".") ? 1 : 0)
                clean[row][column] = cells[row] + String(repeating: " ", count: max(0, pad))
            }
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

    /// `1234567.5` as `1,234,567.5`, digit for digit; anything that is not a plain number stays as it is.
    static func grouped(_ text: String) -> String {
        guard text.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil else { return text }
        let negative = text.hasPrefix("-")
        let body = negative ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", maxSplits: 1)
        var integer = ""
        for (index, digit) in parts[0].reversed().enumerated() {
            if index > 0 && index % 3 == 0 { integer.append(",") }
            integer.append(digit)
        }
        return (negative ? "-" : "") + String(integer.reversed()) + (parts.count > 1 ? "." + parts[1] : "")
    }

    private static func decimals(of text: String) -> Int {
        guard text.wholeMatch(of: /-?[0-9,]+(\.[0-9]+)?/) != nil, let dot = text.firstIndex(of: ".") else { return 0 }
        return text.distance(from: dot, to: text.endIndex) - 1
    }

    /// The rows as spreadsheet-safe CSV with a header row (see `CSVText`).
    func csv() -> String { CSVText.document(headers: headers, rows: rows) }
}

