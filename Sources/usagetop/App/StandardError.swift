import Foundation
import UsageCore

/// The one way usagetop writes to stderr: every line escaped (`EscapedText`), so data, file contents and servers'
/// messages can neither drive the terminal nor forge a line; written through `StandardOutput` (a closed pipe ends the
/// program quietly).
enum StandardError {
    /// Writes `text` as one line.
    static func line(_ text: String) {
        StandardOutput.write(EscapedText.line(text) + "\n", to: STDERR_FILENO)
    }

    /// Rewrites the current progress line with `text` (no newline; `done` ends the line) on a terminal; to a file or
    /// a pipe, where a carriage return piles every step onto one line of a log, only the last one is written.
    static func progress(_ text: String, done: Bool = false) {
        guard isatty(STDERR_FILENO) == 1 else {
            if done, !text.isEmpty { line(text) }
            return
        }
        StandardOutput.write("\r" + EscapedText.line(text) + (done ? "\n" : ""), to: STDERR_FILENO)
    }
}
