import Foundation
import KeyInput
import Testing
import UsageCore
@testable import UsageViewModel

/// Keys from `config.toml`'s `[keys]`: they replace the built-in keys of their command, win over a built-in key
/// they reuse, and show in help and the status line.
@Suite("Configurable keys")
struct KeyConfigTests {
    @Test func overridesReplaceTheKeysOfTheirCommandEverywhere() {
        let (overrides, problems) = KeyMap.overrides(from: [
            "refresh": ["R", "F5"], "next_metric": ["n"], "frob": ["x"],
            "quit": ["Ctrl-Q"],
        ])
        #expect(overrides[.refresh] == [.character("R"), .function(5)] && overrides[.nextMetric] == [.character("n")])
        #expect(
            problems == [
                "keys.frob: no such command (e.g. refresh, quit, next_metric)",
                "keys.quit: a key name is not understood (e.g. r, F2, Ctrl-L, PgDn)",
            ])
        var state = Fixtures.loaded(rows: 5)
        state.keyOverrides = overrides
        #expect(state.reduce(.keyPressed(.character("r"))).isEmpty, "r no longer refreshes")
        #expect(state.reduce(.keyPressed(.function(5))).contains(.invalidateCache))
        _ = state.reduce(.keyPressed(.character("n")))
        #expect(state.metric?.code == "gb", "n, configured, switches the metric")
        let status = KeyMap.bindings(for: .customers, overrides: overrides).filter(\.inStatus).map(\.keyLabel)
        #expect(status.contains("R/F5") && status.contains("n"), "the status line and help follow: \(status)")
    }

    @Test func redrawWorksOnItsOwnKeyAndWhenRebound() {
        var state = Fixtures.loaded(rows: 5)
        _ = state.reduce(.keyPressed(.character("\u{0C}")))
        #expect(state.fullRedraws == 1, "Ctrl-L asks the terminal loop for a whole redraw")
        _ = state.reduce(.keyPressed(.character("/")))
        _ = state.reduce(.keyPressed(.character("\u{0C}")))
        #expect(state.fullRedraws == 2 && state.customers.filter.isEmpty, "a control key is never typed into a field")
        state.keyOverrides = KeyMap.overrides(from: ["redraw": ["R"]]).overrides
        _ = state.reduce(.keyPressed(.escape))
        _ = state.reduce(.keyPressed(.character("\u{0C}")))
        _ = state.reduce(.keyPressed(.character("R")))
        #expect(state.fullRedraws == 3, "rebound to R, R redraws and Ctrl-L no longer does")
        var monitor = MonitorState(
            now: Fixtures.now, width: 80, height: 24, providerName: "local", capabilities: .all,
            refreshSeconds: 2)
        monitor.keyOverrides = state.keyOverrides
        _ = monitor.reduce(.keyPressed(.character("R")))
        #expect(monitor.fullRedraws == 1, "the monitor too")
    }

    @Test func keyNamesParse() {
        #expect(
            Key.parse("space") == .character(" ") && Key.parse("PgDn") == .pageDown && Key.parse("f12") == .function(12)
        )
        #expect(Key.parse("Ctrl-L") == .character("\u{0C}") && Key.parse("x") == .character("x"))
        #expect(Key.parse("F13") == nil && Key.parse("hyper") == nil)
        #expect(Command.nextMetric.configName == "next_metric" && Command.quit.configName == "quit")
    }
}
