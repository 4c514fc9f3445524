import Foundation
import NcursesBackend
import TermUI

/// The run loop: read input → reduce → run effects → render → draw a diff. Blocks in the terminal read until the
/// next whole second (or 60 ms while loading), so an idle screen costs next to nothing and a clock never skips.
/// Ends on quit, on a stop signal, and when the terminal goes away.
enum TerminalLoop {
    /// Makes the program and runs it on a thread of its own until it finishes. The loop blocks in the terminal read,
    /// so it must not hold a thread of Swift's cooperative pool (two threads on a two-core machine), which the
    /// effects that fetch data need.
    /// Fails (before the program starts) when this terminal cannot be driven.
    static func run(useColor: Bool, mouse: Bool = true, making program: @escaping @Sendable () -> any TerminalProgram)
        async throws(TerminalUnavailable)
    {
        let failure = await withCheckedContinuation { (finished: CheckedContinuation<TerminalUnavailable?, Never>) in
            let thread = Thread {
                do throws(TerminalUnavailable) {
                    let terminal = try NcursesTerminal(useColor: useColor, mouse: mouse)
                    run(program(), terminal: terminal)
                    finished.resume(returning: nil)
                } catch {
                    finished.resume(returning: error)
                }
            }
            thread.name = "usagetop terminal"
            thread.start()
        }
        if let failure { throw failure }
    }

    /// Runs `program` until it finishes; the terminal is restored on every path.
    static func run(_ program: any TerminalProgram, terminal: NcursesTerminal) {
        defer { terminal.restore() }
        let (width, height) = terminal.size
        program.start(now: Date(), width: width, height: height)
        var lastTick = Date()
        var dirty = true
        while !program.isFinished && StopSignal.received == 0 && !terminal.isClosed {
            if dirty { terminal.draw(program.frame()) }
            dirty = false
            for sequence in program.takeOutput() { terminal.emit(sequence) }
            if let event = terminal.readKey(timeoutMs: waitMilliseconds(busy: program.isBusy)) {
                if event == .redraw { terminal.invalidate() } else { program.handle(event) }
                dirty = true
            }
            if program.applyArrivals() { dirty = true }
            let now = Date()
            let due = program.isBusy ? now.timeIntervalSince(lastTick) >= 0.08
                : floor(now.timeIntervalSince1970) != floor(lastTick.timeIntervalSince1970)
            if due {
                lastTick = now
                program.tick(now)
                dirty = true
            }
        }
        program.stop()
    }

    /// How long to wait for input: 60 ms while loading, else until just past the next whole second.
    static func waitMilliseconds(busy: Bool, now: Date = Date()) -> Int {
        if busy { return 60 }
        let fraction = now.timeIntervalSince1970 - floor(now.timeIntervalSince1970)
        return max(1, Int(((1 - fraction) * 1_000).rounded(.up)) + 2)
    }
}
