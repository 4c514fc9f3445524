extension JSONValue {
    /// Whether a string or a key anywhere in the value holds a NUL character (U+0000), which PostgreSQL's `jsonb`
    /// cannot hold.
    public var holdsNUL: Bool {
        switch self {
        case .string(let text): text.utf8.contains(0)
        case .array(let items): items.contains { $0.holdsNUL }
        case .object(let members): members.contains { $0.0.utf8.contains(0) || $0.1.holdsNUL }
        default: false
        }
    }

    /// The value with every NUL character in its strings and keys written as the six characters `\u0000`, so both
    /// stores keep and compare it alike.
    public var withNULsAsText: JSONValue {
        func text(_ string: String) -> String { string.replacingOccurrences(of: "\u{0}", with: "\\u0000") }
        switch self {
        case .string(let string): return .string(text(string))
        case .array(let items): return .array(items.map(\.withNULsAsText))
        case .object(let members): return .object(members.map { (text($0.0), $0.1.withNULsAsText) })
        default: return self
        }
    }
}
