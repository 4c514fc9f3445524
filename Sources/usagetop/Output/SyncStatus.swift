import Foundation
import LocalStore
import RemoteProviders
import StoreSync
import Synchronization
import TermUI
import UsageCore

/// What `usagetop sync` says while it copies: on a terminal one status line, rewritten at most five times a second,
/// with the time left; otherwise (a service's log) a line per hundred customers.
final class SyncStatus: Sendable {
    private let onTerminal: Bool
    private let state: Mutex<(started: Date, shown: Date, width: Int)>
    /// The provider's name and published rate limit, to say what share of it the pass spends.
    private let budget: (provider: String, limit: RateBudget)?

    /// A status for a pass starting now against `budget`; `onTerminal` when stderr is a terminal.
    init(
        budget: (provider: String, limit: RateBudget)? = nil, onTerminal: Bool = isatty(STDERR_FILENO) == 1,
        now: Date = Date()
    ) {
        self.onTerminal = onTerminal
        self.budget = budget
        state = Mutex((now, .distantPast, 0))
    }

    /// The calls a second of `calls` so far, against the provider's published limit (`12.5 calls/s, 7% of …`).
    func rate(calls: Int, now: Date = Date()) -> String? {
        let elapsed = now.timeIntervalSince(state.withLock { $0.started })
        guard let budget, elapsed > 0 else { return nil }
        return budget.limit.usage(Double(calls) / elapsed, provider: budget.provider)
    }

    /// Shows `progress`: on a terminal at most every 0.2 s (and at the end); otherwise a line per hundred customers
    /// and at the end.
    func show(_ progress: SyncProgress, now: Date = Date()) {
        let counts =
            "\(progress.read) events (\(progress.inserted) new), \(progress.calls) calls"
            + (rate(calls: progress.calls, now: now).map { " (\($0))" } ?? "")
            + (progress.failures > 0 ? ", \(progress.failures) failed" : "")
        let last = progress.done == progress.total
        guard onTerminal else {
            if last || progress.done % 100 == 0 {
                StandardError.line("usagetop sync: \(progress.done) of \(progress.total) customers; \(counts)")
            }
            return
        }
        let text: String? = state.withLock { state in
            guard last || now.timeIntervalSince(state.shown) >= 0.2 else { return nil }
            state.shown = now
            // One row of the terminal at most: a status line that wraps cannot be rewritten in place.
            let line = TextWidth.truncate(
                "copying: \(progress.done) of \(progress.total) customers, \(counts)"
                    + Self.timeLeft(progress, elapsed: now.timeIntervalSince(state.started)),
                to: Self.columns() - 1)
            defer { state.width = line.count }
            return line.padding(toLength: max(line.count, state.width), withPad: " ", startingAt: 0)
        }
        if let text { StandardError.progress(text) }
    }

    /// Ends the status line (on a terminal) before the summary is printed.
    func finish() {
        if onTerminal, state.withLock({ $0.width }) > 0 { StandardError.progress("", done: true) }
    }

    /// The terminal's width (80 when it cannot tell).
    private static func columns() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 1 else { return 80 }
        return Int(size.ws_col)
    }

    /// ", about 3m left" once a tenth is done and a few seconds have passed.
    static func timeLeft(_ progress: SyncProgress, elapsed: TimeInterval) -> String {
        guard progress.fraction >= 0.1, progress.fraction < 1, elapsed >= 3 else { return "" }
        let left = elapsed / progress.fraction * (1 - progress.fraction)
        return left < 60 ? ", about \(Int(left.rounded(.up)))s left" : ", about \(Int((left / 60).rounded(.up)))m left"
    }
}
