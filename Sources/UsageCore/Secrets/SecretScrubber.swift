/// Takes an API key out of text that came from the network, for servers and proxies that echo the request (its
/// `Authorization` header) into error bodies or even into data.
///
/// Messages (errors, log lines) lose the key, any prefix of it from 8 characters (a server that cut it short), and
/// every `Bearer` or `Basic` credential (8 or more token characters after the word). Data (names, ids, properties) loses the key and any prefix of it from
/// 16 characters, so that an ordinary word such as "Bearer" in a customer's name stays as it is.
public struct SecretScrubber: Sendable {
    /// What is put where a secret was.
    public static let mark = "<redacted>"
    private let key: [UInt8]

    /// A scrubber for `key`.
    public init(key: String) {
        self.key = Array(key.utf8)
    }

    /// A message with the key, its long prefixes and every bearer-style credential replaced by `mark`.
    public func message(_ text: String) -> String {
        Self.credentials(in: redact(text, minimumPrefix: 8))
    }

    /// Data text with the key and its long prefixes replaced by `mark`.
    public func data(_ text: String) -> String {
        redact(text, minimumPrefix: 16)
    }

    /// `value` (parsed from `body`) with every string passed through `data(_:)`, unless the body cannot hold the key:
    /// no 16-character start of it and no `\u` escape (which could spell it) in the bytes, and a key made of letters,
    /// digits, `-` and `_` only (no other escape can spell those). Most answers take that fast path untouched.
    public func data(_ value: JSONValue, body: [UInt8]) -> JSONValue {
        mayHoldKey(body) ? data(value) : value
    }

    private func mayHoldKey(_ body: [UInt8]) -> Bool {
        guard !key.isEmpty else { return false }
        if !key.allSatisfy(Self.isPlainKeyByte) { return true }
        let probe = Array(key.prefix(16))
        var index = 0
        while index < body.count {
            let byte = body[index]
            if byte == 0x5C, index + 1 < body.count, body[index + 1] == 0x75 { return true }
            if byte == probe[0], index + probe.count <= body.count,
                body[index..<index + probe.count].elementsEqual(probe)
            {
                return true
            }
            index += 1
        }
        return false
    }

    private static func isPlainKeyByte(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 45 || byte == 95
    }

    /// Every string (keys and values) of a JSON document passed through `data(_:)`.
    public func data(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): .string(data(text))
        case .array(let items): .array(items.map(data))
        case .object(let members): .object(members.map { (data($0.0), data($0.1)) })
        case .null, .bool, .number: value
        }
    }

    /// `text` with every run that is the key, or a prefix of it at least `minimumPrefix` long, replaced. A key
    /// shorter than `minimumPrefix` is replaced only where it stands as a whole token.
    private func redact(_ text: String, minimumPrefix: Int) -> String {
        guard let first = key.first, text.utf8.contains(first) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        var changed = false
        while index < bytes.count {
            let length = bytes[index] == first ? matchLength(bytes, at: index) : 0
            let whole = length == key.count
            let long = length >= minimumPrefix || (whole && isTokenBoundary(bytes, index, index + length))
            if length > 0 && long {
                out += Array(Self.mark.utf8)
                index += length
                changed = true
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }

    private func matchLength(_ bytes: [UInt8], at start: Int) -> Int {
        var length = 0
        while length < key.count, start + length < bytes.count, bytes[start + length] == key[length] { length += 1 }
        return length
    }

    private func isTokenBoundary(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        (start == 0 || !Self.isTokenByte(bytes[start - 1])) && (end == bytes.count || !Self.isTokenByte(bytes[end]))
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 45 || byte == 95
            || byte >= 0x80
    }

    /// `text` with the credential after each `Bearer` or `Basic` (any case) replaced by `mark`.
    static func credentials(in text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x62 || $0 == 0x42 }) else { return text }
        return text.replacing(/(?i)\b(bearer|basic)(\s+|%20|\+)[A-Za-z0-9\-._~+\/]{8,}=*/) { match in
            match.output.1 + match.output.2 + mark
        }
    }
}
