/// A selection and scroll offset in a list of `count` rows with `visible` rows on screen.
public struct ListCursor: Sendable, Hashable {
    /// The selected row.
    public var selected = 0
    /// The first row on screen.
    public var offset = 0

    /// Creates a cursor at the top.
    public init() {}

    /// Applies a movement command; returns whether it was one.
    public mutating func apply(_ command: Command, count: Int, visible: Int) -> Bool {
        switch command {
        case .moveUp: selected -= 1
        case .moveDown: selected += 1
        case .pageUp: selected -= max(1, visible)
        case .pageDown: selected += max(1, visible)
        case .moveHome: selected = 0
        case .moveEnd: selected = count - 1
        default: return false
        }
        clamp(count: count, visible: visible)
        return true
    }

    /// Keeps the selection inside the list and on screen.
    public mutating func clamp(count: Int, visible: Int) {
        selected = max(0, min(selected, count - 1))
        let rows = max(1, visible)
        if selected < offset { offset = selected }
        if selected >= offset + rows { offset = selected - rows + 1 }
        offset = max(0, min(offset, max(0, count - rows)))
    }
}
