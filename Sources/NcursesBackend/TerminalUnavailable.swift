/// The terminal cannot show the screens (unknown or `dumb` type); the message says what to do instead.
public struct TerminalUnavailable: Error, Sendable {
    /// One line for the user.
    public var message: String
}
