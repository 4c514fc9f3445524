import Foundation
import KeyInput
import Testing
import UsageCore
@testable import UsageViewModel

/// The events view, asserted as whole states: paging, the page landing, a filter and a search typed and applied, the
/// event overlay, and a resize that keeps the first row shown.
@Suite("Reducer: events as whole states")
struct EventsReducerTests {
    /// A customer's usage with its first metric's events opened and a first page of `total` events landed.
    static func onEvents(total: Int = 50) throws -> (AppState, RequestID) {
        var state = DetailReducerTests.onUsage()
        let id = try #require(Fixtures.request(state.reduce(.keyPressed(.character("e")))))
        let page = Fixtures.events(page: 0, size: state.tableRows, total: total)
        _ = state.reduce(.answered(id, .events(.success(page))))
        return (state, id)
    }

    /// `change` made to the events view on top, then a load of it begun with the next request id.
    static func reloaded(_ state: inout AppState, _ change: (inout EventsState) -> Void) {
        guard var events = state.top?.eventsState else { return }
        change(&events)
        events.data.begin(state.requests.issue())
        state.top?.eventsState = events
    }

    @Test func openingEventsAsksAPageThatFitsTheScreenAndItLands() throws {
        var state = DetailReducerTests.onUsage()
        let usage = try #require(state.top?.usageState)
        let opened = expectChange(&state, .keyPressed(.character("e"))) { state in
            var events = EventsState(
                customerID: usage.customerID, customerName: usage.customerName, metric: Fixtures.metrics[0])
            events.pageSize = state.tableRows
            NavigationReducerTests.pushed(.events(events), onto: &state)
        }
        let id = try #require(Fixtures.request(opened))
        let page = Fixtures.events(page: 0, size: state.tableRows, total: 50)
        expectChange(&state, .answered(id, .events(.success(page)))) { state in
            let now = state.now
            state.top?.eventsState?.data.land(id, .success(page), now: now)
            state.lastRefresh = now
        }
    }

    @Test func pageKeysMoveThePageAndNothingElse() throws {
        var (state, _) = try Self.onEvents(total: 50)
        let size = state.tableRows
        let last = (50 + size - 1) / size - 1
        for (key, page) in [(Key.character("n"), 1), (.pageDown, 2), (.character("N"), 1), (.pageUp, 0), (.end, last)] {
            let effects = expectChange(&state, .keyPressed(key)) { state in
                Self.reloaded(&state) { $0.pageIndex = page }
            }
            guard case .load(_, .events(_, _, _, page, size, _))? = effects.last else {
                Issue.record("\(key) asks page \(page), got \(effects)")
                return
            }
        }
    }

    @Test func aTallerTerminalAsksABiggerPageFromTheSameFirstRow() throws {
        var (state, _) = try Self.onEvents(total: 100)
        _ = state.reduce(.keyPressed(.character("n")))
        let firstShown = state.tableRows
        expectChange(&state, .resized(width: 80, height: 40)) { state in
            state.height = 40
            let size = Layout.tableRows(height: 40)
            Self.reloaded(&state) {
                $0.pageSize = size
                $0.pageIndex = firstShown / size
            }
        }
    }

    @Test func typingAFilterLoadsNoEventsUntilEnterAppliesIt() throws {
        var (state, _) = try Self.onEvents()
        let asked = expectChange(&state, .keyPressed(.character("f"))) { state in
            state.top?.eventsState?.filterDraft = ""
            let id = state.requests.issue()
            state.top?.eventsState?.valuesRequest = id
        }
        guard case .load(_, .propertyValues(_, _, _))? = asked.first, asked.count == 1 else {
            Issue.record("f asks the period's property values only: \(asked)")
            return
        }
        expectChange(&state, .keyPressed(.text("status=500"))) { $0.top?.eventsState?.filterDraft = "status=500" }
        expectChange(&state, .keyPressed(.enter)) { state in
            Self.reloaded(&state) {
                $0.filterDraft = nil
                $0.query.matches = [EventQuery.Match(key: "status", value: "500")]
            }
        }
        _ = state.reduce(.keyPressed(.character("f")))
        expectChange(&state, .keyPressed(.escape)) { state in
            Self.reloaded(&state) {
                $0.filterDraft = nil
                $0.query.matches = []
            }
        }
    }

    @Test func aSearchAppliesOnEnterAndEscapeClearsIt() throws {
        var (state, _) = try Self.onEvents()
        _ = state.reduce(.keyPressed(.character("/")))
        expectChange(&state, .keyPressed(.text("v1/export"))) { $0.top?.eventsState?.searchDraft = "v1/export" }
        expectChange(&state, .keyPressed(.enter)) { state in
            Self.reloaded(&state) {
                $0.searchDraft = nil
                $0.query.text = "v1/export"
            }
        }
    }

    /// `f s Tab 5 Tab Enter` typed faster than the period's values arrive: the keys behind the first Tab wait for
    /// them, so `5` completes to the value of the whole period (500, not on the page on screen), then Enter applies.
    @Test func tabCompletesFromThePeriodsValuesEvenWhenTypedBeforeTheyArrive() throws {
        var (state, _) = try Self.onEvents()
        guard case .load(let id?, .propertyValues)? = state.reduce(.keyPressed(.character("f"))).first else {
            Issue.record("f asks the period's property values")
            return
        }
        for key in [Key.character("s"), .tab, .character("5"), .tab, .enter] { _ = state.reduce(.keyPressed(key)) }
        #expect(state.top?.eventsState?.filterDraft == "s" && state.top?.eventsState?.heldKeys?.count == 4)
        let values: [String: [BreakdownRow]] = [
            "status": [
                BreakdownRow(value: "200", events: 47, total: 47), BreakdownRow(value: "500", events: 3, total: 3),
            ],
            "endpoint": [BreakdownRow(value: "/v1/search", events: 50, total: 50)],
        ]
        let effects = state.reduce(.answered(id, .propertyValues(.success(values))))
        #expect(state.top?.eventsState?.query.matches == [EventQuery.Match(key: "status", value: "500")])
        #expect(state.top?.eventsState?.filterDraft == nil && state.top?.eventsState?.heldKeys == nil)
        #expect(effects.contains { if case .load(_, .events) = $0 { true } else { false } }, "the filter applied")
        // A value the period does not hold says which ones it does, in place of a blank box.
        state.top?.eventsState?.query.matches = [EventQuery.Match(key: "status", value: "5")]
        #expect(
            state.top?.eventsState?.emptyNote
                == "no events with status=5 in this period; status values seen: 200 (47), 500 (3)")
        state.top?.eventsState?.query.matches = [EventQuery.Match(key: "stauts", value: "500")]
        #expect(
            state.top?.eventsState?.emptyNote == "no event has a property 'stauts'; properties: endpoint, status")
    }

    /// Esc on events with a filter and a search applied clears them first, saying so; only the next Esc leaves.
    @Test func escapeClearsWhatTheViewAppliedBeforeLeavingIt() throws {
        var (state, _) = try Self.onEvents()
        _ = state.reduce(.keyPressed(.character("f")))
        _ = state.reduce(.keyPressed(.text("status=500")))
        _ = state.reduce(.keyPressed(.enter))
        _ = state.reduce(.keyPressed(.character("/")))
        _ = state.reduce(.keyPressed(.text("v1")))
        _ = state.reduce(.keyPressed(.enter))
        let depth = state.stack.count
        expectChange(&state, .keyPressed(.escape)) { state in
            Self.reloaded(&state) {
                $0.query.matches = []
                $0.query.text = nil
            }
            state.message = StatusMessage("filter cleared; Esc again goes back", .info)
        }
        #expect(state.stack.count == depth, "still on the events")
        _ = state.reduce(.keyPressed(.escape))
        #expect(state.stack.count == depth - 1 && state.top?.eventsState == nil, "the next Esc leaves")
    }

    @Test func enterShowsTheEventOverEverythingAndEscapeOnlyClosesIt() throws {
        var (state, _) = try Self.onEvents(total: 3)
        expectChange(&state, .keyPressed(.down)) { $0.top?.eventsState?.cursor.selected = 1 }
        _ = state.reduce(.keyPressed(.enter))
        guard case .eventDetail(_, let title, 0) = state.overlay else {
            Issue.record("expected the event overlay")
            return
        }
        #expect(title == "Event tx1")
        expectChange(&state, .keyPressed(.escape)) { $0.overlay = nil }
    }
}
