/// A terminal colour as themes write it; the backend quantises it to what the terminal supports.
public enum Color: Sendable, Hashable {
    /// The terminal's own default (transparent background, default foreground).
    case `default`
    /// A palette index: 0–15 are the terminal's ANSI colours, 16–255 the xterm cube and greys.
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)

    /// Parses `default`, `#RRGGBB`, `0`–`255` or an ANSI name (`red`, `bright-blue`, ...).
    public init?(text: String) {
        let value = text.lowercased()
        if value == "default" || value == "none" {
            self = .default
        } else if value.hasPrefix("#"), value.count == 7, let rgb = UInt32(value.dropFirst(), radix: 16) {
            self = .rgb(UInt8(rgb >> 16), UInt8((rgb >> 8) & 0xFF), UInt8(rgb & 0xFF))
        } else if let index = UInt8(value) {
            self = .indexed(index)
        } else if let index = Self.names.firstIndex(of: value) {
            self = .indexed(UInt8(index))
        } else {
            return nil
        }
    }

    /// ANSI colour names by palette index.
    public static let names = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white", "bright-black", "bright-red",
        "bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// A short text for golden dumps.
    public var code: String {
        switch self {
        case .default: "-"
        case .indexed(let i): "\(i)"
        case .rgb(let r, let g, let b): "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }
}
