import Foundation
import TermUI

/// A screen program the terminal loop can run: the dashboard or the monitor. It owns its state, turns input and
/// time into actions, and draws frames; the loop owns the terminal and the clock.
protocol TerminalProgram: AnyObject {
    /// Whether the program has asked to end.
    var isFinished: Bool { get }
    /// Whether data is loading (the loop then ticks faster, for the spinner).
    var isBusy: Bool { get }
    /// Whether a text field (a prompt) takes what is typed.
    var isPrompting: Bool { get }
    /// The program starts at a size.
    func start(now: Date, width: Int, height: Int)
    /// A key or resize arrived.
    func handle(_ event: TerminalEvent)
    /// Time passed.
    func tick(_ now: Date)
    /// Applies answers that arrived from effect tasks; true when there were any.
    func applyArrivals() -> Bool
    /// The frame for the current state.
    func frame() -> Buffer
    /// Control sequences to write after the frame (clipboard copies), taken once.
    func takeOutput() -> [String]
    /// Whether the user asked for the whole screen to be drawn again since the last call (the `redraw` command).
    func takeFullRedraw() -> Bool
    /// Cancels outstanding work.
    func stop()
}
