import Foundation
import Testing
import UsageCore
@testable import UsageViewModel

/// Clicks select the row under them, a double click opens it, the wheel scrolls.
@Suite("Reducer: mouse")
struct MouseTests {
    @Test func aClickSelectsTheRowUnderItAndADoubleClickOpensIt() {
        var state = Fixtures.loaded(rows: 50)
        let first = AppState.firstTableRow
        #expect(state.reduce(.keyPressed(.click(x: 10, y: first + 3))).isEmpty)
        #expect(state.customers.cursor.selected == 3)
        #expect(
            state.reduce(.keyPressed(.click(x: 10, y: 1))).isEmpty && state.customers.cursor.selected == 3,
            "a click on the breadcrumbs selects nothing")
        let effects = state.reduce(.keyPressed(.doubleClick(x: 10, y: first + 5)))
        #expect(state.screenKind == .customerUsage)
        #expect(effects.contains { if case .load(_, .usage) = $0 { true } else { false } })
        guard case .customerUsage(let usage)? = state.stack.last else { return }
        let visible = Fixtures.loaded(rows: 50).customers
        #expect(
            usage.customerID == visible.rows[visible.visible[5]].summary.customer.id, "the double-clicked row opened")
    }

    @Test func theWheelMovesTheSelection() {
        var state = Fixtures.loaded(rows: 50)
        _ = state.reduce(.keyPressed(.wheelDown))
        _ = state.reduce(.keyPressed(.wheelDown))
        _ = state.reduce(.keyPressed(.wheelUp))
        #expect(state.customers.cursor.selected == 1)
    }
}

/// Where no cursor needs them, `l`/`→` open and `h`/`←` go back, as in lazygit and ranger.
@Suite("Reducer: l opens, h goes back")
struct ArrowNavigationTests {
    @Test func lOpensAndHGoesBack() {
        var state = Fixtures.loaded(rows: 10)
        let open = state.reduce(.keyPressed(.character("l")))
        #expect(state.screenKind == .customerUsage)
        guard let id = Fixtures.request(open) else {
            Issue.record("expected a usage load")
            return
        }
        _ = state.reduce(.answered(id, .usage(.success(Fixtures.usage("cus_0")))))
        _ = state.reduce(.keyPressed(.right))
        #expect(state.screenKind == .timeseries, "→ opens the metric's chart")
        _ = state.reduce(.keyPressed(.escape))
        _ = state.reduce(.keyPressed(.character("h")))
        #expect(state.screenKind == .customers)
    }
}
