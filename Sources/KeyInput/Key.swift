/// A key press or mouse action, independent of any terminal library: the one key vocabulary, read by the terminal
/// backend and acted on by the view model.
public enum Key: Sendable, Hashable {
    case character(Character)
    /// Characters typed at once (a paste): a text field adds them in one go, anywhere else each is a key of its own.
    case text(String)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, tab
    /// Shift-Tab.
    case backTab
    /// A function key, `F1` to `F12`.
    case function(Int)
    /// A mouse click or double click at a cell, or the wheel.
    case click(x: Int, y: Int), doubleClick(x: Int, y: Int), wheelUp, wheelDown

    /// Whether the key is a control character (Ctrl-L), which no text field takes.
    public var isControl: Bool {
        guard case .character(let c) = self else { return false }
        return c.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control }
    }

    /// How the key is written in help and status lines.
    public var label: String {
        switch self {
        case .character(" "): "space"
        case .character("\u{0C}"): "Ctrl-L"
        case .character(let c): String(c)
        case .text(let text): text
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Bksp"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .function(let n): "F\(n)"
        case .click: "click"
        case .doubleClick: "double-click"
        case .wheelUp: "wheel↑"
        case .wheelDown: "wheel↓"
        }
    }

    /// A key as `config.toml` writes it: one character (`r`, `?`), `space`, `Ctrl-L`, `F1`–`F12`, `Enter`, `Esc`,
    /// `Tab`, `Backspace`, `Up`, `Down`, `Left`, `Right`, `PgUp`, `PgDn`, `Home`, `End` (names in any case); else nil.
    public static func parse(_ text: String) -> Key? {
        if text.count == 1, let c = text.first { return .character(c) }
        let named: [String: Key] = [
            "space": .character(" "), "ctrl-l": .character("\u{0C}"), "enter": .enter, "esc": .escape,
            "escape": .escape,
            "tab": .tab, "shift-tab": .backTab, "backtab": .backTab, "backspace": .backspace, "up": .up, "down": .down,
            "left": .left, "right": .right,
            "pgup": .pageUp, "pgdn": .pageDown, "home": .home, "end": .end,
        ]
        let lower = text.lowercased()
        if let key = named[lower] { return key }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) { return .function(n) }
        return nil
    }
}
