/// One screen cell: a grapheme (or `""` for the right half of a wide one) and its style.
public struct Cell: Sendable, Hashable {
    /// The grapheme drawn; `""` marks the second column of a double-width grapheme.
    public var symbol: String
    /// The style.
    public var style: Style

    /// Creates a cell.
    public init(_ symbol: String = " ", style: Style = .plain) {
        self.symbol = symbol
        self.style = style
    }

    /// Whether this cell continues the wide grapheme on its left.
    public var isContinuation: Bool { symbol.isEmpty }
}
