/// A line for the status bar: what happened, and how much it matters.
public struct StatusMessage: Sendable, Hashable {
    /// The text shown.
    public var text: String
    /// How it is coloured.
    public var severity: Severity

    /// A message of `text` at `severity`.
    public init(_ text: String, _ severity: Severity) {
        self.text = text
        self.severity = severity
    }
}
