import CNcurses
import KeyInput
import Foundation
import TermUI

/// The ncurses terminal: draws buffer diffs and reads keys. The only code that talks to curses, and it does so from
/// one thread: signals only set flags (`TerminalGuard`), which `readKey` acts on.
public final class NcursesTerminal {
    private var lastFrame: Buffer?
    private var palette: ColorPairs
    private var active = false
    /// Draw only ASCII: the locale's codeset is not UTF-8, so anything else would reach the terminal as raw bytes.
    private let asciiOnly: Bool
    /// The number of colours the terminal reports (0 when colours are off).
    public private(set) var colorCount: Int

    /// Why the dashboard cannot run in this terminal, or nil when it can: `TERM` unset or `dumb` has no cursor
    /// addressing; headless commands need none.
    public static func unsupportedTerminal(environment: [String: String]) -> String? {
        let term = environment["TERM"] ?? ""
        guard term.isEmpty || term == "dumb" else { return nil }
        return
            "this terminal (\(term.isEmpty ? "TERM is not set" : "TERM=dumb")) cannot draw the screens; use `usagetop customers|snapshot|timeseries|events` instead"
    }

    /// Whether the locale's codeset is UTF-8 (else screens fall back to ASCII borders and charts).
    public static func localeUsesUTF8() -> Bool { shim_locale_is_utf8() != 0 }

    /// Starts curses: locale, raw-ish input, no echo, hidden cursor, short ESC delay, default colours. Fails with
    /// one line when the terminal type is unknown (where `initscr` would print its own message and exit).
    public init(useColor: Bool, mouse: Bool = true) throws(TerminalUnavailable) {
        if let problem = Self.unsupportedTerminal(environment: ProcessInfo.processInfo.environment) {
            throw TerminalUnavailable(message: problem)
        }
        asciiOnly = !Self.localeUsesUTF8()
        if ProcessInfo.processInfo.environment["ESCDELAY"] == nil { set_escdelay(25) }
        TerminalGuard.installBeforeCurses()
        guard shim_newterm() != nil else {
            TerminalGuard.uninstall()
            let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
            throw TerminalUnavailable(
                message:
                    "the terminal type '\(term)' is unknown here (no terminfo entry); try TERM=xterm-256color, or the headless commands"
            )
        }
        cbreak()
        noecho()
        nonl()
        keypad(shim_stdscr(), true)
        if mouse { shim_mouse_on() }
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
        TerminalGuard.prepareRestoreBytes()
    }

    /// The current size in cells.
    public var size: (width: Int, height: Int) {
        var y: Int32 = 0, x: Int32 = 0
        shim_getmaxyx(shim_stdscr(), &y, &x)
        return (Int(x), Int(y))
    }

    /// Draws what changed since the last frame, then refreshes once, inside DEC 2026 synchronized-output brackets
    /// (terminals that know the mode show the frame whole, never torn; others ignore the unknown mode).
    public func draw(_ frame: Buffer) {
        let changes = frame.changes(since: lastFrame)
        for run in changes {
            let (attributes, pair) = palette.attributes(for: run.style)
            _ = shim_put(Int32(run.y), Int32(run.x), asciiOnly ? Self.ascii(run.text) : run.text, attributes, pair)
        }
        lastFrame = frame
        if changes.isEmpty { return }
        emit("\u{1B}[?2026h")
        refresh()
        emit("\u{1B}[?2026l")
    }

    /// Writes a control sequence straight to the terminal after the frame (an OSC 52 clipboard copy), past curses,
    /// which would draw it as text.
    public func emit(_ sequence: String) {
        fflush(nil)  // curses output still buffered goes first
        let bytes = Array(sequence.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }

    /// Forgets what is on screen so the next frame is drawn whole: curses clears the terminal and repaints every
    /// cell, so whatever another program wrote over it (Ctrl-L) goes too.
    public func invalidate() {
        lastFrame = nil
        erase()
        clearok(shim_stdscr(), true)
    }

    /// Set once the terminal has gone away (its window closed, the SSH link dropped): input hung up or failed.
    public private(set) var isClosed = false

    /// Ends a `readKey` wait at once, from any thread (an answer for the loop arrived).
    public static func wake() { TerminalGuard.wakeLoop() }

    /// Text in ASCII (`ASCIIText`), each grapheme as many columns wide as before.
    static func ascii(_ text: String) -> String { ASCIIText.fold(text) }

    /// Waits up to `timeoutMs` for input; nil on timeout or when the terminal has closed (see `isClosed`). A Ctrl-Z
    /// that arrived is acted on here: the terminal is given back, the process stops, and on `fg` the screen is taken
    /// back and reported as a resize, so the loop redraws it whole.
    public func readKey(timeoutMs: Int) -> TerminalEvent? {
        if TerminalGuard.takeSuspend() {
            endwin()
            TerminalGuard.stopUntilContinued()
            return resumedScreen()
        }
        if TerminalGuard.takeResume() { return resumedScreen() }
        if let event = bufferedKey() { return event }
        switch TerminalGuard.waitForInput(milliseconds: timeoutMs) {
        case .input: return bufferedKey()
        case .hungUp:
            isClosed = true
            return nil
        case .signal, .timeout: return nil
        }
    }

    /// Waits up to `timeoutMs` for input, then takes every key already waiting (for at most `budgetMs`, and never
    /// past a stop signal), characters in a row as one `.text` event: a paste of a megabyte is a few events, drawn
    /// once, not a million keys each answered with a frame. A burst (more than `burst` bytes waiting after a plain
    /// character) is read a buffer at a time past curses, which reads a byte per system call (`KeyBytes`).
    public func readKeys(timeoutMs: Int, budgetMs: Int = 100, burst: Int = 256) -> [TerminalEvent] {
        guard let first = readKey(timeoutMs: timeoutMs) else { return [] }
        var events = [first]
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(budgetMs) * 1_000_000
        var plain = if case .key(.character) = first { true } else { false }
        while StopSignal.received == 0, DispatchTime.now().uptimeNanoseconds < deadline {
            if plain, Self.waitingBytes() > burst {
                events += readBurst().map(TerminalEvent.key)
                continue
            }
            guard let next = bufferedKey() else { break }
            events.append(next)
            plain = if case .key(.character) = next { true } else { false }
        }
        if !leftover.isEmpty {  // a character or sequence cut by the last read: curses reads it with what follows
            for byte in leftover.reversed() { _ = ungetch(Int32(byte)) }
            leftover = []
        }
        return Self.joiningCharacters(events)
    }

    /// Bytes read past curses that did not make a whole key.
    private var leftover: [UInt8] = []
    /// A key read after an Esc that starts no sequence, handed out next.
    private var pending: [TerminalEvent] = []

    /// How many bytes wait on stdin.
    private static func waitingBytes() -> Int {
        var pending: Int32 = 0
        return ioctl(STDIN_FILENO, UInt(FIONREAD), &pending) == 0 ? Int(pending) : 0
    }

    /// The keys of the bytes waiting on stdin (up to 1 MiB), read in one call.
    private func readBurst() -> [Key] {
        var buffer = [UInt8](repeating: 0, count: min(1 << 20, Self.waitingBytes()))
        let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
        guard count > 0 else { return [] }
        let (keys, rest) = KeyBytes.decode(leftover + buffer.prefix(count))
        leftover = rest
        return keys
    }

    /// Runs of characters and texts as one event (`.text`, or `.character` for a single one), other events as they are.
    static func joiningCharacters(_ events: [TerminalEvent]) -> [TerminalEvent] {
        var joined: [TerminalEvent] = []
        var run = "", single: Character?, pieces = 0
        func flush() {
            if pieces == 1, let single {
                joined.append(.key(.character(single)))
            } else if pieces > 0 {
                joined.append(.key(.text(run)))
            }
            (run, single, pieces) = ("", nil, 0)
        }
        for event in events {
            switch event {
            case .key(.character(let c)):
                run.append(c)
                (single, pieces) = (c, pieces + 1)
            case .key(.text(let text)):
                run += text
                pieces += 2
            default:
                flush()
                joined.append(event)
            }
        }
        flush()
        return joined
    }

    /// A key curses has, or can read without waiting (beyond the short ESC delay of an escape sequence).
    private func bufferedKey() -> TerminalEvent? {
        if !pending.isEmpty { return pending.removeFirst() }
        timeout(0)
        var code: UInt32 = 0
        let status = shim_get_wch(&code)
        if status == ERR { return nil }
        if status != shim_key_code_yes(), code == 27 { return escapeSequence() }
        return event(status: status, code: code)
    }

    /// What an Esc curses did not make a key of starts: Esc alone, or a CSI or SS3 sequence read whole without
    /// waiting and decoded as xterm-like terminals send them (`ESC [ 4 ~` is End under any `TERM`); a sequence no
    /// key stands for is dropped whole, never read as the keys it is made of. Another key right after Esc is Esc,
    /// then that key.
    private func escapeSequence() -> TerminalEvent? {
        var bytes: [UInt8] = [0x1B]
        var code: UInt32 = 0
        while bytes.count < 32 {
            timeout(0)
            let status = shim_get_wch(&code)
            guard status != ERR else { break }
            let introducer = bytes.count == 1 && (code == 0x5B || code == 0x4F)  // [ or O
            guard status != shim_key_code_yes(), code < 0x80, bytes.count > 1 || introducer else {
                if let next = event(status: status, code: code) { pending.append(next) }
                break
            }
            bytes.append(UInt8(code))
            let done = bytes[1] == 0x4F ? bytes.count == 3 : bytes.count > 2 && (0x40...0x7E).contains(code)
            if done { break }
        }
        guard bytes.count > 1 else { return .key(.escape) }
        let (keys, _) = KeyBytes.decode(bytes)
        if let key = keys.first { return .key(key) }
        return bufferedKey()  // a sequence no key stands for: dropped
    }

    /// The event of one `get_wch` answer.
    private func event(status: Int32, code: UInt32) -> TerminalEvent? {
        if status == shim_key_code_yes() {
            if Int32(code) == shim_key_resize() {
                invalidate()
                let (w, h) = size
                return .resize(width: w, height: h)
            }
            if Int32(code) == shim_key_mouse() { return Self.mouseEvent().map(TerminalEvent.key) }
            return Self.functionKey(Int32(code)).map(TerminalEvent.key)
        }
        switch code {
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 9: return .key(.tab)
        case 12: return .key(.character("\u{0C}"))  // Ctrl-L, a command of the key map
        default:
            guard let scalar = Unicode.Scalar(code), code >= 32 else { return nil }
            return .key(.character(Character(scalar)))
        }
    }

    private static func mouseEvent() -> Key? {
        var x: Int32 = 0, y: Int32 = 0
        switch shim_mouse_event(&x, &y) {
        case 1: return .click(x: Int(x), y: Int(y))
        case 2: return .doubleClick(x: Int(x), y: Int(y))
        case 3: return .wheelUp
        case 4: return .wheelDown
        default: return nil
        }
    }

    private static func functionKey(_ code: Int32) -> Key? {
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
        case KEY_BTAB: .backTab
        case KEY_BACKSPACE: .backspace
        case (KEY_F0 + 1)...(KEY_F0 + 12): .function(Int(code - KEY_F0))
        default: nil
        }
    }

    /// Takes the screen back after the process was stopped and continued, and reports its size as a resize.
    private func resumedScreen() -> TerminalEvent {
        _ = TerminalGuard.takeResume()
        reset_prog_mode()
        invalidate()
        let (width, height) = size
        return .resize(width: width, height: height)
    }

    /// Restores the terminal exactly as it was (cursor visible, normal mode). Runs once, whoever calls it first
    /// (this, a second call, or the crash path).
    public func restore() {
        guard active else { return }
        active = false
        if TerminalGuard.claimRestore() {
            curs_set(1)
            endwin()
        }
        TerminalGuard.uninstall()
    }

    deinit { restore() }
}
