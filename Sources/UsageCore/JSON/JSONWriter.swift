import Foundation

/// Writes `JSONValue`s as compact or indented JSON text.
public enum JSONWriter {
    /// One-line JSON.
    public static func compact(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out, indent: nil, level: 0)
        return out
    }

    /// JSON indented by two spaces per level, members in source order.
    public static func pretty(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out, indent: "  ", level: 0)
        return out
    }

    /// A quoted, escaped JSON string literal.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static func write(_ value: JSONValue, into out: inout String, indent: String?, level: Int) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let raw): out += raw
        case .string(let s): out += quote(s)
        case .array(let items):
            writeContainer(items.map { (nil as String?, $0) }, open: "[", close: "]", into: &out, indent: indent, level: level)
        case .object(let members):
            writeContainer(members.map { (Optional($0.0), $0.1) }, open: "{", close: "}", into: &out, indent: indent, level: level)
        }
    }

    private static func writeContainer(
        _ entries: [(String?, JSONValue)], open: String, close: String, into out: inout String, indent: String?, level: Int
    ) {
        out += open
        if entries.isEmpty { out += close; return }
        for (n, (key, item)) in entries.enumerated() {
            if n > 0 { out += indent == nil ? ", " : "," }
            if let indent { out += "\n" + String(repeating: indent, count: level + 1) }
            if let key { out += quote(key) + ": " }
            write(item, into: &out, indent: indent, level: level + 1)
        }
        if let indent { out += "\n" + String(repeating: indent, count: level) }
        out += close
    }
}
