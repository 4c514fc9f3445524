import Foundation
import UsageCore
import UsageViewModel

/// Runs the real monitor reducer and effect runner on a simulated clock: effects run as real tasks against the
/// data service; each answer is held back by the latency `FaultSchedule` gives the moment it was asked, then
/// handed to the reducer once the clock reaches it. Waits on answers, never on time.
final class SoakDriver {
    let clock: SimulatedClock
    let service: DataService
    let runner: EffectRunner<MonitorAction>
    var state: MonitorState
    private var held: [(due: Date, action: MonitorAction)] = []
    private let answers: AsyncStream<MonitorAction>
    private let sink: AsyncStream<MonitorAction>.Continuation
    private var iterator: AsyncStream<MonitorAction>.Iterator

    init(clock: SimulatedClock, state: MonitorState) {
        self.clock = clock
        service = DataService(provider: FaultyProvider(clock: clock), cache: .remote, now: { clock.now })
        runner = EffectRunner<MonitorAction>(service: service)
        self.state = state
        (answers, sink) = AsyncStream.makeStream(of: MonitorAction.self)
        iterator = answers.makeAsyncIterator()
    }

    /// Answers waiting for their time.
    var heldCount: Int { held.count }

    /// Applies an action, runs its effects and delivers every answer that is already due.
    func send(_ action: MonitorAction) async {
        await run(state.reduce(action))
        await deliverDue()
    }

    /// Moves the clock, delivers what became due, then ticks.
    func advance(by seconds: TimeInterval) async {
        clock.advance(by: seconds)
        await deliverDue()
        await send(.ticked(clock.now))
    }

    private func run(_ effects: [Effect]) async {
        let expected = effects.filter { if case .load = $0 { true } else { false } }.count
        guard !effects.isEmpty else { return }
        let asked = clock.now
        let sink = self.sink
        runner.run(effects) { sink.yield($0) }
        for _ in 0..<expected {
            guard let answer = await iterator.next() else { return }
            held.append((asked.addingTimeInterval(FaultSchedule.latency(at: asked)), answer))
        }
    }

    private func deliverDue() async {
        while let index = held.firstIndex(where: { $0.due <= clock.now }) {
            let answer = held.remove(at: index).action
            await run(state.reduce(answer))
        }
    }
}
