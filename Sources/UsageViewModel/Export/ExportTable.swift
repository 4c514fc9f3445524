import Foundation
import UsageCore

/// Rows of typed cells that print as spreadsheet-safe CSV or as a JSON array of objects with exact numbers.
struct ExportTable {
    /// One value.
    enum Cell {
        case text(String?)
        case number(Decimal)
        case optionalInt(Int?)
        case json(JSONValue)
    }

    /// What one row is (`customers`).
    var noun: String
    /// A file name stem.
    var name: String
    var headers: [String]
    var rows: [[Cell]]

    func text(_ format: ExportFormat) -> String {
        switch format {
        case .csv:
            return CSVText.document(headers: headers, rows: rows.map { $0.map(Self.csvText) }) + "\n"
        case .json:
            let objects = rows.map { row in JSONValue.object(zip(headers, row.map(Self.json)).map { ($0, $1) }) }
            return JSONWriter.pretty(.array(objects)) + "\n"
        }
    }

    private static func csvText(_ cell: Cell) -> String {
        switch cell {
        case .text(let text): text ?? ""
        case .number(let value): DecimalText.format(value)
        case .optionalInt(let value): value.map(String.init) ?? ""
        case .json(let value): JSONWriter.compact(value)
        }
    }

    private static func json(_ cell: Cell) -> JSONValue {
        switch cell {
        case .text(let text): text.map(JSONValue.string) ?? .null
        case .number(let value): .number(value.isNaN ? "0" : value.description)
        case .optionalInt(let value): value.map { .number(String($0)) } ?? .null
        case .json(let value): value
        }
    }
}
