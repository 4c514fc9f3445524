import KeyInput

/// Keys bound to one command, with the text shown in help and (when `inStatus`) the status line.
public struct KeyBinding: Sendable, Hashable {
    /// The keys that trigger the command.
    public var keys: [Key]
    /// The command.
    public var command: Command
    /// A short description ("open customer").
    public var summary: String
    /// Whether the status line lists this binding.
    public var inStatus: Bool

    /// Creates a binding.
    public init(_ keys: [Key], _ command: Command, _ summary: String, inStatus: Bool = false) {
        self.keys = keys
        self.command = command
        self.summary = summary
        self.inStatus = inStatus
    }

    /// The binding with the keys `overrides` gives its command, if any.
    func replacingKeys(_ overrides: [Command: [Key]]) -> KeyBinding {
        guard let keys = overrides[command] else { return self }
        var replaced = self
        replaced.keys = keys
        return replaced
    }

    /// The keys as written in help (`↑/k`).
    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }
}
