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
    ///
    /// Frames are drawn when something changed: at once after a key, once a second for the clock, and when answers
    /// arrive (each wakes the wait). While answers are still coming, a frame waits for the last of them unless the
    /// wait passes `slowAfter`; from then on the spinner turns and partial answers show every 80 ms. A local refresh
    /// that takes a few milliseconds therefore costs one frame, not one per answer and spinner step.
    static func run(_ program: any TerminalProgram, terminal: NcursesTerminal) {
        defer { terminal.restore() }
        let (width, height) = terminal.size
        program.start(now: Date(), width: width, height: height)
        var lastTick = Date()
        var busySince: Date?
        var dirty = true, pressed = true
        while !program.isFinished && StopSignal.received == 0 && !terminal.isClosed {
            let slow = busySince.map { Date().timeIntervalSince($0) >= slowAfter } ?? false
            if dirty && (pressed || !program.isBusy || slow) {
                terminal.draw(program.frame())
                (dirty, pressed) = (false, false)
            }
            for sequence in program.takeOutput() { terminal.emit(sequence) }
            // A prompt that closes (Enter, Esc) swallows the rest of the burst it came in: keys typed ahead into a
            // field never land on the view below it.
            var swallowing = false
            for event in terminal.readKeys(timeoutMs: waitMilliseconds(busySince: busySince)) {
                if swallowing, case .key = event { continue }
                let prompting = program.isPrompting
                program.handle(event)
                if prompting, !program.isPrompting { swallowing = true }
                (dirty, pressed) = (true, true)
            }
            if program.takeFullRedraw() { terminal.invalidate() }
            if program.applyArrivals() { dirty = true }
            let now = Date()
            busySince = program.isBusy ? (busySince ?? now) : nil
            let spinning = busySince.map { now.timeIntervalSince($0) >= slowAfter } ?? false
            let due =
                spinning
                ? now.timeIntervalSince(lastTick) >= 0.08
                : floor(now.timeIntervalSince1970) != floor(lastTick.timeIntervalSince1970)
            if due {
                lastTick = now
                program.tick(now)
                dirty = true
            }
        }
        program.stop()
    }

    /// How long answers may take before the screen shows a spinner and partial answers.
    static let slowAfter: TimeInterval = 0.3

    /// How long to wait for input (answers wake the wait early): 60 ms while a slow answer is awaited (the spinner),
    /// else until a wait turns slow or just past the next whole second, whichever comes first.
    static func waitMilliseconds(busySince: Date?, now: Date = Date()) -> Int {
        if let busySince {
            let untilSlow = slowAfter - now.timeIntervalSince(busySince)
            if untilSlow <= 0 { return 60 }
            return max(1, min(Int((untilSlow * 1_000).rounded(.up)), untilNextSecond(now)))
        }
        return untilNextSecond(now)
    }

    private static func untilNextSecond(_ now: Date) -> Int {
        let fraction = now.timeIntervalSince1970 - floor(now.timeIntervalSince1970)
        return max(1, Int(((1 - fraction) * 1_000).rounded(.up)) + 2)
    }
}
