/// One theme value: a colour plus attributes, written as `"#88c0d0 bold"`.
public struct ThemeEntry: Sendable, Hashable {
    /// The colour.
    public var color: Color
    /// Attributes added wherever the entry is used.
    public var attributes: TextAttributes

    /// Creates an entry.
    public init(_ color: Color, _ attributes: TextAttributes = []) {
        self.color = color
        self.attributes = attributes
    }

    /// Parses `"<colour> [bold] [dim] [underline] [reverse]"`; nil with a reason when malformed.
    public static func parse(_ text: String) -> Result<ThemeEntry, ThemeIssue> {
        var words = text.split(separator: " ").map(String.init)
        guard !words.isEmpty else { return .failure(ThemeIssue("empty value")) }
        var attributes: TextAttributes = []
        var color = Color.default
        if let parsed = Color(text: words[0]) {
            color = parsed
            words.removeFirst()
        }
        for word in words {
            guard let attribute = TextAttributes.named.first(where: { $0.0 == word.lowercased() })?.1 else {
                return .failure(
                    ThemeIssue("'\(word)' is neither a colour (#RRGGBB, 0-255, ANSI name, default) nor an attribute"))
            }
            attributes.insert(attribute)
        }
        return .success(ThemeEntry(color, attributes))
    }
}

/// A problem found while loading a theme.
public struct ThemeIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problem, one line.
    public var message: String
    /// Creates an issue.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
