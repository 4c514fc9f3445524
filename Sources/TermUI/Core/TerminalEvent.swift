import KeyInput

/// What the terminal reports: a key (or mouse action), or a new size.
public enum TerminalEvent: Sendable, Hashable {
    /// A key was pressed, text arrived, or the mouse clicked or scrolled.
    case key(Key)
    /// The terminal changed size.
    case resize(width: Int, height: Int)
}
