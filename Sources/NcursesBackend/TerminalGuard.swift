import CNcurses
import Foundation
import Synchronization

/// Signals that asked the program to stop (SIGINT, SIGTERM, SIGHUP); the run loop polls it.
public enum StopSignal {
    /// The signal number received, or 0.
    public static var received: Int32 { pending.load(ordering: .relaxed) }
}

private let pending = Atomic<Int32>(0)
private let suspendRequested = Atomic<Bool>(false)
private let resumed = Atomic<Bool>(false)
private let restored = Atomic<Bool>(false)
/// What the crash path writes to leave the terminal usable (exit the alternate screen, show the cursor, reset
/// attributes), prepared while curses is up because a signal handler may not call curses.
nonisolated(unsafe) private var restoreBytes: UnsafeMutablePointer<UInt8>?
nonisolated(unsafe) private var restoreByteCount = 0
nonisolated(unsafe) private var savedModes = termios()
nonisolated(unsafe) private var haveSavedModes = false
/// A pipe the handlers write a byte to, so the loop's wait ends at once whichever thread the signal reached.
nonisolated(unsafe) private var wakePipe: (read: Int32, write: Int32) = (-1, -1)

/// Records `flag` and wakes the loop; async-signal-safe (an atomic store and a non-blocking write).
private func note(_ flag: borrowing Atomic<Bool>) {
    flag.store(true, ordering: .relaxed)
    wake()
}

private func wake() {
    var byte: UInt8 = 1
    if wakePipe.write >= 0 { _ = write(wakePipe.write, &byte, 1) }
}

/// Keeps the terminal consistent whatever signal arrives, on whatever thread:
/// - SIGINT, SIGTERM and SIGHUP only set `StopSignal.received`; the loop ends and restores the terminal.
/// - SIGTSTP (Ctrl-Z) and SIGCONT only set flags; the loop thread itself leaves curses, stops, and on `fg` takes the
///   screen back (`takeSuspend`, `takeResume`). The handlers are installed before curses starts, so ncurses installs
///   none of its own, and no curses call ever runs outside the loop thread.
/// - A crash signal restores once, with `write` and `tcsetattr` alone (both async-signal-safe), then dies as it would.
enum TerminalGuard {
    /// Saves the terminal's modes and installs the handlers; call before curses starts.
    static func installBeforeCurses() {
        haveSavedModes = tcgetattr(STDIN_FILENO, &savedModes) == 0
        restored.store(false, ordering: .sequentiallyConsistent)
        if wakePipe.read < 0 {
            var fds: [Int32] = [0, 0]
            if pipe(&fds) == 0 {
                for fd in fds {
                    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                }
                wakePipe = (fds[0], fds[1])
            }
        }
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            _ = shim_catch(sig) {
                pending.store($0, ordering: .relaxed)
                wake()
            }
        }
        _ = shim_catch(SIGTSTP) { _ in note(suspendRequested) }
        _ = shim_catch(SIGCONT) { _ in note(resumed) }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(sig) { number in
                TerminalGuard.restoreFromSignal()
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    /// Prepares the crash path's bytes from the terminal's own capabilities; call once curses is up.
    static func prepareRestoreBytes() {
        var bytes: [UInt8] = []
        for capability in ["rmcup", "cnorm", "sgr0"] {
            if let value = shim_tigetstr(capability) { bytes += Array(String(cString: value).utf8) }
        }
        guard restoreBytes == nil else { return }
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        pointer.initialize(from: bytes, count: bytes.count)
        restoreByteCount = bytes.count
        restoreBytes = pointer
    }

    /// Claims the one restore; false when the terminal was restored already (by the loop or by a signal).
    static func claimRestore() -> Bool {
        restored.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent).exchanged
    }

    /// Whether Ctrl-Z asked to suspend since the last call.
    static func takeSuspend() -> Bool { suspendRequested.exchange(false, ordering: .relaxed) }

    /// Whether the process was continued since the last call.
    static func takeResume() -> Bool { resumed.exchange(false, ordering: .relaxed) }

    /// Stops the process the way Ctrl-Z would have, returning once it is continued (`fg`). The signal goes to the
    /// process, not this thread (`raise` would), since threads of the runtime's pools block it.
    static func stopUntilContinued() {
        signal(SIGTSTP, SIG_DFL)
        kill(getpid(), SIGTSTP)
        _ = shim_catch(SIGTSTP) { _ in note(suspendRequested) }
    }

    /// Ends the loop's current wait for input (from any thread): an answer arrived. A no-op before the terminal
    /// is set up.
    static func wakeLoop() { wake() }

    /// What ended a wait for input.
    enum Wait {
        case input, hungUp, signal, timeout
    }

    /// Waits up to `milliseconds` for input on stdin or a signal's wake-up byte (which is consumed).
    static func waitForInput(milliseconds: Int) -> Wait {
        var descriptors = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakePipe.read, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&descriptors, wakePipe.read >= 0 ? 2 : 1, Int32(milliseconds))
        if ready < 0 { return errno == EINTR ? .signal : .hungUp }
        if descriptors[1].revents != 0 {
            var sink = [UInt8](repeating: 0, count: 64)
            while read(wakePipe.read, &sink, sink.count) > 0 {}
            return .signal
        }
        let input = descriptors[0].revents
        if input & Int16(POLLERR | POLLNVAL) != 0 { return .hungUp }
        if input & Int16(POLLIN | POLLHUP) != 0 {
            // Readable with nothing to read is the end of input: a terminal that went away without a SIGHUP (its
            // pty closed under `setsid`) reads as end of file or EIO forever, and the loop would spin on it.
            var pending: Int32 = 0
            if ioctl(STDIN_FILENO, UInt(FIONREAD), &pending) != 0 || pending <= 0 { return .hungUp }
            return .input
        }
        return .timeout
    }

    /// Puts every handler back to the default once the terminal is restored.
    static func uninstall() {
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(sig, SIG_DFL)
        }
    }

    /// The crash path: async-signal-safe calls only, at most once.
    private static func restoreFromSignal() {
        guard claimRestore() else { return }
        if let pointer = restoreBytes, restoreByteCount > 0 { _ = write(STDOUT_FILENO, pointer, restoreByteCount) }
        if haveSavedModes { _ = tcsetattr(STDIN_FILENO, TCSANOW, &savedModes) }
    }
}
