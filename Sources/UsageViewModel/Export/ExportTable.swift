import Foundation
import UsageCore

/// One answer as rows of typed cells: the one export model. The headless commands print it (`--format csv` and
/// `table`) and the dashboard exports it (`y`, `Y`, `w`, `:export`), so one question gives the same columns in the
/// same order either way. CSV is spreadsheet-safe; JSON is an array of objects with exact numbers.
public struct ExportTable: Sendable {
    /// One value.
    public enum Cell: Sendable {
        case text(String?)
        /// An exact number (never rounded).
        case number(Decimal)
        case optionalInt(Int?)
        /// Amounts in their currencies' minor digits (`12.50`), several joined by ` + ` (a row billed in two).
        case amounts([Money])
        /// The periods a row answers, as half-open ISO-8601 `start/end` pairs.
        case periods([Period])
        case json(JSONValue)
    }

    /// What one row is (`customers`).
    public var noun: String
    /// A file name stem (`customers-api_calls`).
    public var name: String
    /// The column names.
    public var headers: [String]
    /// The rows, a cell per column.
    public var rows: [[Cell]]
    /// The columns that hold numbers (a text table aligns them right).
    public var numericColumns: Set<Int>

    /// Creates a table; `numeric` names the columns that hold numbers.
    public init(noun: String, name: String, headers: [String], rows: [[Cell]], numeric: [String] = []) {
        self.noun = noun
        self.name = name
        self.headers = headers
        self.rows = rows
        numericColumns = Set(numeric.compactMap { headers.firstIndex(of: $0) })
    }

    /// The rows as text, a string per cell (what CSV quotes and a text table pads).
    public var textRows: [[String]] { rows.map { $0.map(Self.plain) } }

    /// Spreadsheet-safe CSV with a header row (see `CSVText`), no newline after the last row.
    public func csv() -> String { CSVText.document(headers: headers, rows: textRows) }

    /// A JSON array of an object per row, keys in column order.
    public func json() -> String {
        JSONWriter.pretty(
            .array(rows.map { row in JSONValue.object(zip(headers, row.map(Self.json)).map { ($0, $1) }) }))
    }

    /// The table as `format`, ending in a newline (a file's or the clipboard's text).
    func text(_ format: ExportFormat) -> String {
        (format == .csv ? csv() : json()) + "\n"
    }

    private static func plain(_ cell: Cell) -> String {
        switch cell {
        case .text(let text): text ?? ""
        case .number(let value): DecimalText.format(value)
        case .optionalInt(let value): value.map(String.init) ?? ""
        case .amounts(let amounts): amounts.map(\.plainAmount).joined(separator: " + ")
        case .periods(let periods):
            periods.map { "\(UTCTime.iso($0.start))/\(UTCTime.iso($0.end))" }.joined(separator: " ")
        case .json(let value): JSONWriter.compact(value)
        }
    }

    private static func json(_ cell: Cell) -> JSONValue {
        switch cell {
        case .text(let text): text.map(JSONValue.string) ?? .null
        case .number(let value): .number(value.isNaN ? "0" : value.description)
        case .optionalInt(let value): value.map { .number(String($0)) } ?? .null
        case .amounts(let amounts):
            amounts.count == 1
                ? .number(amounts[0].plainAmount)
                : amounts.isEmpty
                    ? .null
                    : .array(amounts.map { .number($0.plainAmount) })
        case .periods(let periods):
            .array(
                periods.map {
                    .object([("start", .string(UTCTime.iso($0.start))), ("end", .string(UTCTime.iso($0.end)))])
                })
        case .json(let value): value
        }
    }
}
