/// A value a statement binds or a row holds, as both stores keep it: decimals travel as their exact text.
public enum SQLValue: Sendable, Hashable {
    /// Text (ids, codes, decimal numbers).
    case text(String)
    /// A 64-bit integer (milliseconds, counts, minor units).
    case integer(Int64)
    /// No value.
    case null

    /// The text, if this is text.
    package var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    /// The integer, if this is an integer.
    package var integer: Int64? {
        if case .integer(let integer) = self { return integer }
        return nil
    }
}

/// What a column of a result holds, so each backend decodes it the same way.
public enum SQLColumn: Sendable, Hashable {
    /// Text, or null.
    case text
    /// An integer, or null.
    case integer
}
