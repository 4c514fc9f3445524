import TermUI
import UsageViewModel

/// Maps terminal input to the view model's keys.
enum KeyTranslation {
    /// The key of a key event; nil for a resize.
    static func key(for event: KeyEvent) -> Key? {
        switch event {
        case .resize: nil
        case .function(let n): .function(n)
        case .mouse(.click, let x, let y): .click(x: x, y: y)
        case .mouse(.doubleClick, let x, let y): .doubleClick(x: x, y: y)
        case .mouse(.wheelUp, _, _): .wheelUp
        case .mouse(.wheelDown, _, _): .wheelDown
        case .character(let c): .character(c)
        case .text(let text): .text(text)
        case .up: .up
        case .down: .down
        case .left: .left
        case .right: .right
        case .pageUp: .pageUp
        case .pageDown: .pageDown
        case .home: .home
        case .end: .end
        case .enter: .enter
        case .escape: .escape
        case .backspace: .backspace
        case .tab: .tab
        case .backTab: .backTab
        }
    }
}
