import Foundation

/// A line for the status bar: what happened, and how much it matters. It belongs to the view it was said in and
/// lasts a while (`lifetime`): the reducer stamps it when it is said, clears it when that view is left, and lets
/// it expire on the clock. Two messages are the same when they say the same thing at the same severity.
public struct StatusMessage: Sendable, Hashable {
    /// The text shown.
    public var text: String
    /// How it is coloured.
    public var severity: Severity
    /// When it was said, and how deep the view stack was then (set by the reducer).
    var said: (at: Date, depth: Int)?

    /// A message of `text` at `severity`.
    public init(_ text: String, _ severity: Severity) {
        self.text = text
        self.severity = severity
    }

    /// How long it stays: a note 8 s, a warning 15 s, an error 30 s.
    var lifetime: TimeInterval {
        switch severity {
        case .info: 8
        case .warning: 15
        case .error: 30
        }
    }

    public static func == (lhs: StatusMessage, rhs: StatusMessage) -> Bool {
        lhs.text == rhs.text && lhs.severity == rhs.severity
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
        hasher.combine(severity)
    }
}
