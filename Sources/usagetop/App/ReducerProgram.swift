import Foundation
import KeyInput
import TermUI
import UsageViewModel

/// A terminal program made of a pure reducer state and an effect runner: input and time become actions, effects
/// run as tasks, and their answers wait in an inbox for the loop. The dashboard and the monitor are two wirings.
final class ReducerProgram<State, Action: Sendable>: TerminalProgram {
    /// How one view model plugs in.
    struct Wiring {
        /// Reduces an action and starts its effects; answers go to the given function (from any thread).
        var reduce: (inout State, Action, @escaping @Sendable (Action) -> Void) -> Void
        /// Draws the state.
        var render: (State) -> Buffer
        /// Whether the user quit.
        var isFinished: (State) -> Bool
        /// Whether data is loading.
        var isBusy: (State) -> Bool
        /// Whether a text field (a prompt) takes what is typed.
        var isPrompting: (State) -> Bool = { _ in false }
        /// How many times the user asked for the whole screen to be drawn again.
        var fullRedraws: (State) -> Int
        /// The action for the start at a size.
        var started: (Date, Int, Int) -> Action
        /// The action for a key.
        var keyPressed: (Key) -> Action
        /// The action for a resize.
        var resized: (Int, Int) -> Action
        /// The action for a clock tick.
        var ticked: (Date) -> Action
        /// Cancels outstanding effects.
        var stop: () -> Void
    }

    private var state: State
    private let wiring: Wiring
    private let inbox = ActionInbox<Action>()
    /// The state's count of redraw requests when the loop last asked.
    private var redrawsSeen = 0
    /// Sequences for the terminal (clipboard copies), written by the loop after the next frame.
    private let output: ActionInbox<String>

    init(state: State, output: ActionInbox<String> = ActionInbox(), wiring: Wiring) {
        self.state = state
        self.wiring = wiring
        self.output = output
    }

    var isFinished: Bool { wiring.isFinished(state) }
    var isBusy: Bool { wiring.isBusy(state) }
    var isPrompting: Bool { wiring.isPrompting(state) }

    func start(now: Date, width: Int, height: Int) { dispatch(wiring.started(now, width, height)) }

    func handle(_ event: TerminalEvent) {
        switch event {
        case .resize(let width, let height): dispatch(wiring.resized(width, height))
        case .key(let key): dispatch(wiring.keyPressed(key))
        }
    }

    func tick(_ now: Date) { dispatch(wiring.ticked(now)) }

    func applyArrivals() -> Bool {
        let arrived = inbox.drain()
        arrived.forEach(dispatch)
        return !arrived.isEmpty
    }

    func frame() -> Buffer { wiring.render(state) }

    func takeOutput() -> [String] { output.drain() }

    func takeFullRedraw() -> Bool {
        let requested = wiring.fullRedraws(state)
        defer { redrawsSeen = requested }
        return requested != redrawsSeen
    }

    func stop() { wiring.stop() }

    private func dispatch(_ action: Action) {
        let inbox = self.inbox
        wiring.reduce(&state, action) { inbox.push($0) }
    }
}
