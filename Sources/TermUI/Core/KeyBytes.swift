import KeyInput

/// Keys from raw terminal bytes, for a burst of input read in one go (a paste of a megabyte is read a buffer at a
/// time, not a byte per system call): UTF-8 text (runs of characters as one `.text` event), Enter, Tab, Backspace,
/// Ctrl-L, and the escape sequences of xterm-like terminals for arrows, Home, End, PgUp, PgDn and Shift-Tab. Another
/// sequence (a mouse report, Delete) is dropped; an Esc that starts none is Esc.
public enum KeyBytes {
    /// The keys in `bytes`, and the bytes at the end that do not make a whole key yet (a UTF-8 character or an escape
    /// sequence cut by the read), to be read again in front of what comes next.
    public static func decode(_ bytes: [UInt8]) -> (keys: [Key], rest: [UInt8]) {
        var keys: [Key] = []
        var run: [UInt8] = [], runCharacters = 0
        func flush() {
            guard !run.isEmpty else { return }
            let text = String(decoding: run, as: UTF8.self)
            keys.append(runCharacters == 1 && text.count == 1 ? .character(text.first!) : .text(text))
            (run, runCharacters) = ([], 0)
        }
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte >= 0x20 && byte != 0x7F {
                let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 0
                if length == 0 { i += 1; continue }  // a stray continuation byte
                guard i + length <= bytes.count else { break }
                run.append(contentsOf: bytes[i..<i + length])
                runCharacters += 1
                i += length
                continue
            }
            flush()
            if byte == 0x1B {
                guard let (key, used) = escape(bytes, at: i) else { break }
                if let key { keys.append(key) }
                i += used
                continue
            }
            switch byte {
            case 0x0D, 0x0A: keys.append(.enter)
            case 0x09: keys.append(.tab)
            case 0x7F, 0x08: keys.append(.backspace)
            case 0x0C: keys.append(.character("\u{0C}"))  // Ctrl-L, a command of the key map
            default: break  // another control character: nothing a screen takes
            }
            i += 1
        }
        flush()
        return (keys, Array(bytes[i...]))
    }

    /// The key an escape sequence at `start` stands for (nil: one to drop) and its length, or nil when the bytes end
    /// before it does.
    private static func escape(_ bytes: [UInt8], at start: Int) -> (Key?, Int)? {
        guard start + 1 < bytes.count else { return nil }
        switch bytes[start + 1] {
        case UInt8(ascii: "["):
            var end = start + 2
            while end < bytes.count, !(0x40...0x7E).contains(bytes[end]) { end += 1 }
            guard end < bytes.count else { return nil }
            let parameters = String(decoding: bytes[(start + 2)..<end], as: UTF8.self)
            let used = end - start + 1
            if bytes[end] == UInt8(ascii: "M"), parameters.isEmpty {  // an X10 mouse report: three more bytes
                return start + used + 3 <= bytes.count ? (nil, used + 3) : nil
            }
            return (csi(final: bytes[end], parameters: parameters), used)
        case UInt8(ascii: "O"):
            guard start + 2 < bytes.count else { return nil }
            return (csi(final: bytes[start + 2], parameters: ""), 3)
        default:
            return (.escape, 1)
        }
    }

    private static func csi(final: UInt8, parameters: String) -> Key? {
        switch final {
        case UInt8(ascii: "A"): .up
        case UInt8(ascii: "B"): .down
        case UInt8(ascii: "C"): .right
        case UInt8(ascii: "D"): .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        case UInt8(ascii: "Z"): .backTab
        case UInt8(ascii: "~"):
            switch parameters.split(separator: ";").first {
            case "1", "7": .home
            case "4", "8": .end
            case "5": .pageUp
            case "6": .pageDown
            default: nil
            }
        default: nil
        }
    }
}
