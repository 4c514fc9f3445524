import Foundation
import Testing
import UsageCore
@testable import UsageViewModel

/// Characters that arrive together (a paste) are one key: a text field takes them in one go, so a megabyte costs what
/// its length costs, not a copy of the field per character; outside a text field each is a key of its own.
@Suite("Reducer: pasted text")
struct PasteTests {
    static let megabyte = String(repeating: "abcdefghij", count: 100_000)

    @Test func aPasteIntoTheFilterIsTakenWholeAndFiltersOnce() {
        var state = Fixtures.loaded(rows: 40)
        _ = state.reduce(.keyPressed(.text("/ÜN")))
        #expect(
            state.customers.isEditingFilter && state.customers.filter == "ÜN", "/ opens the filter, the rest goes in")
        _ = state.reduce(.keyPressed(.text(Self.megabyte)))
        #expect(state.customers.filter.utf8.count == 1_000_003 && state.customers.visible.isEmpty)
        _ = state.reduce(.keyPressed(.character("q")))
        #expect(!state.shouldQuit, "q still types into the filter")
        _ = state.reduce(.keyPressed(.escape))
        #expect(state.customers.filter.isEmpty && state.customers.visible.count == 40)
    }

    @Test func aPasteIntoTheCommandLineAndTheEventFieldsIsTakenWhole() {
        var state = Fixtures.loaded(rows: 5)
        _ = state.reduce(.keyPressed(.text(":" + Self.megabyte)))
        #expect(state.commandLine?.utf8.count == 1_000_000)
        _ = state.reduce(.keyPressed(.escape))
        _ = state.reduce(.keyPressed(.text("p2026-11")))
        guard case .periodPicker(let picker)? = state.overlay else {
            Issue.record("p opens the period picker")
            return
        }
        #expect(picker.typed == "2026-11")
    }

    @Test func outsideATextFieldEachCharacterIsAKeyAndQuitEndsTheRest() {
        var state = Fixtures.loaded(rows: 50)
        _ = state.reduce(.keyPressed(.text("jjj")))
        #expect(state.customers.cursor.selected == 3, "three moves down")
        let effects = state.reduce(.keyPressed(.text("jq/abc")))
        #expect(state.shouldQuit && effects.contains(.quit) && !state.customers.isEditingFilter, "nothing after q")
    }

    @Test func theMonitorTakesAPasteAsKeys() {
        var state = MonitorState(
            now: Fixtures.now, width: 80, height: 24, providerName: "local", capabilities: .all, refreshSeconds: 2)
        _ = state.reduce(.keyPressed(.text("  q")))
        #expect(state.shouldQuit)
    }
}
