/// Input read from a terminal backend.
public enum KeyEvent: Sendable, Hashable {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, tab
    /// The terminal changed size.
    case resize(width: Int, height: Int)
}
