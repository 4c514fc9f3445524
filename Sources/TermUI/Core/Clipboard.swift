import Foundation

/// Text for the terminal's clipboard as an OSC 52 sequence: works in xterm-compatible terminals, in tmux (with
/// `set-clipboard on`) and over SSH, since the terminal at the far end does the copying.
public enum Clipboard {
    /// The most bytes copied at once (before base64): terminals and tmux drop larger sequences.
    public static let maxBytes = 74_000

    /// `ESC ] 52 ; c ; <base64> BEL`, or nil when `text` is larger than `maxBytes`.
    public static func osc52(_ text: String) -> String? {
        let bytes = Data(text.utf8)
        guard bytes.count <= maxBytes else { return nil }
        return "\u{1B}]52;c;" + bytes.base64EncodedString() + "\u{07}"
    }
}
