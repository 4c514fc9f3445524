import CNcurses
import Foundation
import TermUI

/// The ncurses terminal: draws buffer diffs and reads keys. The only code that talks to curses.
public final class NcursesTerminal {
    private var lastFrame: Buffer?
    private var palette: ColorPairs
    private var active = false
    /// The number of colours the terminal reports (0 when colours are off).
    public private(set) var colorCount: Int

    /// Starts curses: locale, raw-ish input, no echo, hidden cursor, short ESC delay, default colours.
    public init(useColor: Bool) {
        _ = shim_setlocale_all()
        if ProcessInfo.processInfo.environment["ESCDELAY"] == nil { set_escdelay(25) }
        initscr()
        cbreak()
        noecho()
        nonl()
        keypad(shim_stdscr(), true)
        curs_set(0)
        var colors = 0
        if useColor && has_colors() {
            start_color()
            use_default_colors()
            colors = Int(shim_colors())
        }
        colorCount = colors
        palette = ColorPairs(colors: colors, limit: Int(shim_color_pairs()))
        active = true
        TerminalGuard.install { endwin() }
    }

    /// The current size in cells.
    public var size: (width: Int, height: Int) {
        var y: Int32 = 0, x: Int32 = 0
        shim_getmaxyx(shim_stdscr(), &y, &x)
        return (Int(x), Int(y))
    }

    /// Draws what changed since the last frame, then refreshes once.
    public func draw(_ frame: Buffer) {
        for run in frame.changes(since: lastFrame) {
            let (attributes, pair) = palette.attributes(for: run.style)
            _ = shim_put(Int32(run.y), Int32(run.x), run.text, attributes, pair)
        }
        lastFrame = frame
        refresh()
    }

    /// Forgets what is on screen so the next frame is drawn whole.
    public func invalidate() {
        lastFrame = nil
        erase()
    }

    /// Set once the terminal has gone away (its window closed, the SSH link dropped): input hung up or failed.
    public private(set) var isClosed = false

    /// Waits up to `timeoutMs` for input; nil on timeout or when the terminal has closed (see `isClosed`).
    public func readKey(timeoutMs: Int) -> KeyEvent? {
        timeout(Int32(timeoutMs))
        var code: UInt32 = 0
        let status = shim_get_wch(&code)
        if status == ERR {
            if Self.inputHungUp() { isClosed = true }
            return nil
        }
        if status == shim_key_code_yes() {
            if Int32(code) == shim_key_resize() {
                invalidate()
                let (w, h) = size
                return .resize(width: w, height: h)
            }
            return Self.functionKey(Int32(code))
        }
        switch code {
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 9: return .tab
        default:
            guard let scalar = Unicode.Scalar(code), code >= 32 else { return nil }
            return .character(Character(scalar))
        }
    }

    /// Whether standard input reports a hang-up or error (a read would fail at once, forever).
    private static func inputHungUp() -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) >= 0 else { return errno != EINTR }
        return descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    private static func functionKey(_ code: Int32) -> KeyEvent? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_ENTER: .enter
        case KEY_BACKSPACE: .backspace
        default: nil
        }
    }

    /// Restores the terminal exactly as it was (cursor visible, normal mode). Safe to call twice.
    public func restore() {
        guard active else { return }
        active = false
        curs_set(1)
        endwin()
        TerminalGuard.uninstall()
    }

    deinit { restore() }
}
