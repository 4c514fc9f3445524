/// How to list raw events: newest or oldest first, and only those whose properties match or that hold a text.
public struct EventQuery: Sendable, Hashable {
    /// One property condition, `key=value` (the value compared as text: `status=500`, `endpoint=/v1/search`).
    public struct Match: Sendable, Hashable {
        /// The property name.
        public var key: String
        /// The value, as text.
        public var value: String

        /// Creates a condition.
        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }

        /// Parses `key=value` (the first `=` splits; both sides trimmed, the key non-empty), else nil.
        public static func parse(_ text: String) -> Match? {
            guard let equals = text.firstIndex(of: "=") else { return nil }
            let key = text[..<equals].trimmingCharacters(in: .whitespaces)
            let value = text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            return key.isEmpty ? nil : Match(key: key, value: value)
        }

        /// `key=value`.
        public var text: String { "\(key)=\(value)" }
    }

    /// Newest first (the default), else oldest first.
    public var newestFirst: Bool
    /// Conditions every listed event meets.
    public var matches: [Match]
    /// Text every listed event holds in its transaction id or properties (case-insensitive); nil for any.
    public var text: String?

    /// True when the query lists only some of its range's events: it has a condition or text.
    public var narrows: Bool { !matches.isEmpty || !(text ?? "").isEmpty }

    /// Creates a query.
    public init(newestFirst: Bool = true, matches: [Match] = [], text: String? = nil) {
        self.newestFirst = newestFirst
        self.matches = matches
        self.text = text
    }
}
