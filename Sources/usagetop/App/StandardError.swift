import Foundation
import UsageCore

/// The one way usagetop writes to stderr: every line escaped (`EscapedText`), so data, file contents and servers'
/// messages can neither drive the terminal nor forge a line.
enum StandardError {
    /// Writes `text` as one line.
    static func line(_ text: String) {
        FileHandle.standardError.write(Data((EscapedText.line(text) + "\n").utf8))
    }

    /// Rewrites the current progress line with `text` (no newline; `done` ends the line).
    static func progress(_ text: String, done: Bool = false) {
        FileHandle.standardError.write(Data(("\r" + EscapedText.line(text) + (done ? "\n" : "")).utf8))
    }
}
