import Foundation
import TermUI
import UsageCore

/// Rows printed as an aligned text table or as CSV.
struct TabularOutput {
    var headers: [String]
    var rows: [[String]]
    /// Columns aligned right (numbers).
    var rightAligned: Set<Int> = []

    /// Columns padded by display width, two spaces apart; data text is sanitized.
    func table() -> String {
        let clean = rows.map { $0.map(TextSanitizer.sanitize) }
        let widths = headers.indices.map { column in
            ([headers[column]] + clean.map { $0[column] }).map { TextWidth.of($0) }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: max(0, widths[column] - TextWidth.of(cell)))
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ").replacing(/\s+$/, with: "")
        }
        return ([line(headers)] + clean.map(line)).joined(separator: "\n")
    }

    /// RFC 4180 CSV with a header row.
    func csv() -> String {
        func field(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacing("\"", with: "\"\"") + "\""
        }
        return ([headers] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
    }
}

/// JSON values for the headless outputs.
enum JSONOut {
    static func string(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    static func number(_ d: Decimal) -> JSONValue { .number(DecimalText.format(d)) }
    static func int(_ i: Int?) -> JSONValue { i.map { .number(String($0)) } ?? .null }
    static func period(_ p: Period) -> JSONValue {
        .object([("start", .string(UTCTime.iso(p.start))), ("end", .string(UTCTime.iso(p.end)))])
    }
}
