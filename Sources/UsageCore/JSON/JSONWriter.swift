import Foundation

/// Writes `JSONValue`s as compact or indented JSON text.
public enum JSONWriter {
    /// One-line JSON.
    public static func compact(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out, indent: nil, level: 0)
        return out
    }

    /// The text `compact` writes for the valid JSON in `bytes`, made straight from the bytes (no tree, no re-escaping)
    /// when they are printable ASCII without escapes, where the two agree token for token; nil otherwise.
    public static func compact(plainJSON bytes: ArraySlice<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var inString = false
        for byte in bytes {
            guard byte >= 0x20 || (!inString && (byte == 0x0A || byte == 0x0D || byte == 0x09)), byte < 0x7F,
                byte != UInt8(ascii: "\\")
            else { return nil }
            if inString {
                out.append(byte)
                if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case 0x20, 0x0A, 0x0D, 0x09: continue
            case UInt8(ascii: "\""): inString = true; out.append(byte)
            case UInt8(ascii: ","), UInt8(ascii: ":"): out.append(byte); out.append(0x20)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
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
            writeContainer(
                items.map { (nil as String?, $0) }, open: "[", close: "]", into: &out, indent: indent, level: level)
        case .object(let members):
            writeContainer(
                members.map { (Optional($0.0), $0.1) }, open: "{", close: "}", into: &out, indent: indent, level: level)
        }
    }

    private static func writeContainer(
        _ entries: [(String?, JSONValue)], open: String, close: String, into out: inout String, indent: String?,
        level: Int
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
