/// Text attributes a cell can carry.
public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    /// Creates attributes from raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1)
    public static let dim = TextAttributes(rawValue: 2)
    public static let underline = TextAttributes(rawValue: 4)
    public static let reverse = TextAttributes(rawValue: 8)

    /// Names as themes write them.
    public static let named: [(String, TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("underline", .underline), ("reverse", .reverse),
    ]
}

/// Foreground, background and attributes of a cell.
public struct Style: Sendable, Hashable {
    /// Foreground colour.
    public var foreground: Color
    /// Background colour.
    public var background: Color
    /// Attributes.
    public var attributes: TextAttributes

    /// Creates a style.
    public init(foreground: Color = .default, background: Color = .default, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's plain style.
    public static let plain = Style()

    /// This style with extra attributes.
    public func adding(_ extra: TextAttributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }

    /// A compact description for golden dumps (`fg=7 bg=- bold`).
    public var code: String {
        var parts = ["fg=\(foreground.code)", "bg=\(background.code)"]
        for (name, attribute) in TextAttributes.named where attributes.contains(attribute) { parts.append(name) }
        return parts.joined(separator: " ")
    }
}
