import Foundation
import Testing
import UsageCore
@testable import UsageViewModel

@Suite("Reducer: automatic refresh, pause and interval keys")
struct AutoRefreshTests {
    static func loads(_ effects: [Effect]) -> Bool {
        effects.contains { if case .load(_, .customers) = $0 { true } else { false } }
    }

    @Test func offUntilAskedThenDueOnTicks() {
        var state = Fixtures.loaded()
        #expect(state.reduce(.ticked(Fixtures.now.addingTimeInterval(600))).isEmpty, "off by default")
        state.setRefresh(seconds: 2)
        #expect(state.reduce(.ticked(state.now.addingTimeInterval(1))).isEmpty, "not due after 1 s")
        let due = state.reduce(.ticked(state.now.addingTimeInterval(1)))
        #expect(due.first == .revalidateCache && Self.loads(due), "an automatic refresh asks again only what changed")
        #expect(
            state.reduce(.ticked(state.now.addingTimeInterval(2))).isEmpty, "no overlapping refresh while one loads")
    }

    @Test func spacePausesAndResumes() {
        var state = Fixtures.loaded()
        state.setRefresh(seconds: 1)
        _ = state.reduce(.keyPressed(.character(" ")))
        #expect(state.paused && state.message?.text == "auto-refresh paused")
        #expect(state.reduce(.ticked(state.now.addingTimeInterval(30))).isEmpty, "paused: nothing reloads")
        _ = state.reduce(.keyPressed(.character(" ")))
        #expect(!state.paused)
        #expect(Self.loads(state.reduce(.ticked(state.now.addingTimeInterval(1)))))
    }

    @Test func plusAndMinusStepTheInterval() {
        var state = Fixtures.loaded()
        _ = state.reduce(.keyPressed(.character("-")))
        #expect(state.refreshSeconds == nil, "- does not turn it on")
        _ = state.reduce(.keyPressed(.character("+")))
        #expect(state.refreshSeconds == 300, "+ turns it on at the slowest step")
        _ = state.reduce(.keyPressed(.character("+")))
        #expect(state.refreshSeconds == 60)
        for _ in 0..<10 { _ = state.reduce(.keyPressed(.character("+"))) }
        #expect(state.refreshSeconds == 1, "never below 1 s")
        _ = state.reduce(.keyPressed(.character("-")))
        #expect(state.refreshSeconds == 2 && state.message?.text == "auto-refresh every 2s")
        state.setRefresh(seconds: 0)
        #expect(state.refreshSeconds == 1)
    }

    @Test func deeperViewsRefreshWhatTheyShow() {
        var state = Fixtures.loaded()
        _ = state.reduce(.keyPressed(.enter))
        state.setRefresh(seconds: 5)
        _ = state.reduce(
            .answered(
                Fixtures.request([
                    .load(
                        RequestID(state.requests.next - 1),
                        .usage(customerID: "", period: state.resolvedPeriod, bucket: .day))
                ])!, .usage(.success(Fixtures.usage("cus_0")))))
        let due = state.reduce(.ticked(state.now.addingTimeInterval(5)))
        #expect(due.contains { if case .load(_, .usage) = $0 { true } else { false } })
    }
}
