import Testing
import UsageCore
@testable import UsageViewModel

/// A state with a pure reducer: the dashboard's and the monitor's.
protocol Reducing: Equatable {
    associatedtype Event
    associatedtype Effect
    mutating func reduce(_ action: Event) -> [Effect]
}

extension AppState: Reducing {}
extension MonitorState: Reducing {}

/// Reduces `action` and expects the whole state to be what it was with `change` made to it and nothing else moved
/// (as The Composable Architecture's `TestStore` asserts); returns the effects for the caller to check.
@discardableResult
func expectChange<State: Reducing>(
    _ state: inout State, _ action: State.Event, sourceLocation: SourceLocation = #_sourceLocation,
    _ change: (inout State) -> Void = { _ in }
) -> [State.Effect] {
    var expected = state
    change(&expected)
    let effects = state.reduce(action)
    #expect(state == expected, "differs in \(differences(state, expected))", sourceLocation: sourceLocation)
    return effects
}

/// The stored properties in which two values differ, by name (a whole state printed is too long to read).
func differences<Value>(_ actual: Value, _ expected: Value) -> [String] {
    zip(Mirror(reflecting: actual).children, Mirror(reflecting: expected).children).compactMap { have, want in
        String(describing: have.value) == String(describing: want.value) ? nil : have.label ?? "?"
    }
}
