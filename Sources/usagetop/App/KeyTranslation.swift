import TermUI
import UsageViewModel

/// Maps terminal input to view-model actions.
enum KeyTranslation {
    static func action(for event: KeyEvent) -> Action {
        switch event {
        case .resize(let width, let height): .resized(width: width, height: height)
        case .character(let c): .keyPressed(.character(c))
        case .up: .keyPressed(.up)
        case .down: .keyPressed(.down)
        case .left: .keyPressed(.left)
        case .right: .keyPressed(.right)
        case .pageUp: .keyPressed(.pageUp)
        case .pageDown: .keyPressed(.pageDown)
        case .home: .keyPressed(.home)
        case .end: .keyPressed(.end)
        case .enter: .keyPressed(.enter)
        case .escape: .keyPressed(.escape)
        case .backspace: .keyPressed(.backspace)
        case .tab: .keyPressed(.tab)
        }
    }
}
