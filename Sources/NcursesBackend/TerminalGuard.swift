import Foundation
import Synchronization

/// Signals that asked the program to stop (SIGINT, SIGTERM, SIGHUP); the run loop polls it.
public enum StopSignal {
    /// The signal number received, or 0.
    public static var received: Int32 { pending.load(ordering: .relaxed) }
}

private let pending = Atomic<Int32>(0)
nonisolated(unsafe) private var restoreTerminal: (() -> Void)?

/// Restores the terminal on stop signals and crashes, so a shell is never left in curses mode.
enum TerminalGuard {
    static func install(restore: @escaping () -> Void) {
        restoreTerminal = restore
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { number in pending.store(number, ordering: .relaxed) }
        }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(sig) { number in
                restoreTerminal?()
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    static func uninstall() {
        restoreTerminal = nil
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] { signal(sig, SIG_DFL) }
    }
}
