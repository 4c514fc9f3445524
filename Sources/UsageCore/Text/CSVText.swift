import Foundation

/// RFC 4180 CSV that is safe to open in a spreadsheet, for headless output and for views copied or written to a file.
public enum CSVText {
    /// A header row and data rows: control characters escaped (`EscapedText`), and a cell that starts with `=`,
    /// `+`, `-`, `@`, a tab or a carriage return gets a leading `'` so that it is never run as a formula (OWASP's
    /// rule for CSV injection). Numbers (`-12.5`) stay numbers. No newline after the last row.
    public static func document(headers: [String], rows: [[String]]) -> String {
        ([headers] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
    }

    /// One CSV cell: escaped, defused, quoted when it holds a comma or a quote.
    public static func field(_ raw: String) -> String {
        var text = EscapedText.line(raw)
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !DecimalText.isPlain(text)
        {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
