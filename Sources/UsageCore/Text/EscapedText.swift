/// Text made safe for a line on stderr or in the log file: control characters (newlines included), DEL, C1 controls,
/// line separators and bidi overrides become visible escapes (`\n`, `\x1B`, `\u{202E}`), so data or a server's
/// message can neither drive the terminal nor forge a line.
public enum EscapedText {
    /// `text` as one line: every unsafe character escaped.
    public static func line(_ text: String) -> String {
        escape(text, keepingNewlines: false)
    }

    /// `text` as several lines (help and usage text): like `line`, but line feeds and tabs stay.
    public static func lines(_ text: String) -> String {
        escape(text, keepingNewlines: true)
    }

    private static func escape(_ text: String, keepingNewlines: Bool) -> String {
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || (keepingNewlines && ($0 == 0x0A || $0 == 0x09)) }) {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if keepingNewlines && (value == 0x0A || value == 0x09) {
                out.unicodeScalars.append(scalar)
            } else if value == 0x0A {
                out += "\\n"
            } else if value == 0x0D {
                out += "\\r"
            } else if value == 0x09 {
                out += "\\t"
            } else if value < 0x20 || value == 0x7F {
                out += "\\x" + hex(value, digits: 2)
            } else if isInvisibleControl(value) {
                out += "\\u{" + hex(value, digits: 4) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// C1 controls, line and paragraph separators, and the marks and overrides that reorder text.
    private static func isInvisibleControl(_ value: UInt32) -> Bool {
        (0x80...0x9F).contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            || value == 0x200E || value == 0x200F || value == 0x061C || value == 0x2028 || value == 0x2029
            || value == 0xFEFF
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
