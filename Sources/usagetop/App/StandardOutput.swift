import Foundation
import UsageCore

/// The one way usagetop writes to stdout and stderr: `write(2)` on the descriptor, whole, never through a
/// `FileHandle` (which traps on a write error). A closed reader is the end of that output, never a crash: on stdout
/// (`usagetop customers | head -1`) the process exits quietly with status 0, as `head` users expect; on stderr the
/// rest of stderr is dropped and the program goes on to its own exit status. SIGPIPE is ignored from the start
/// (`ignoreBrokenPipes`), so a closed pipe is an `EPIPE` here and nowhere else.
enum StandardOutput {
    /// Set once stderr's reader has gone.
    nonisolated(unsafe) private static var stderrClosed = false

    /// Ignores SIGPIPE for the whole process; call first thing.
    static func ignoreBrokenPipes() { signal(SIGPIPE, SIG_IGN) }

    /// Writes `text` and a newline to stdout.
    static func line(_ text: String) { write(text + "\n", to: STDOUT_FILENO) }

    /// Writes `text` as is to `descriptor`; on `EPIPE` stdout ends the process quietly with status 0 and stderr is
    /// dropped from then on. Other failures (a full disk) lose the rest of the text: there is no one left to tell.
    static func write(_ text: String, to descriptor: Int32) {
        if descriptor == STDERR_FILENO, stderrClosed { return }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR || errno == EAGAIN {
                continue
            } else {
                if written < 0, errno == EPIPE {
                    if descriptor == STDOUT_FILENO { Foundation.exit(0) }
                    stderrClosed = true
                }
                return
            }
        }
    }
}
