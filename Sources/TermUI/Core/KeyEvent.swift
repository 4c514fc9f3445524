/// Input read from a terminal backend.
public enum KeyEvent: Sendable, Hashable {
    case character(Character)
    /// Characters that arrived together (a paste, typing faster than a frame): one event, so that a text field takes
    /// them in one go.
    case text(String)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, tab
    /// Shift-Tab.
    case backTab
    /// A function key, `F1` to `F12`.
    case function(Int)
    /// A mouse button or the wheel, at a cell.
    case mouse(MouseAction, x: Int, y: Int)
    /// The terminal changed size.
    case resize(width: Int, height: Int)
}

/// What the mouse did.
public enum MouseAction: Sendable, Hashable {
    case click, doubleClick, wheelUp, wheelDown
}
