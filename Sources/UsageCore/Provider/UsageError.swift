/// A failure a person can read in one line; never carries secrets or stack traces.
public struct UsageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, for deciding what to do.
    public enum Kind: Sendable, Hashable {
        case notFound
        case unsupported
        case invalidInput
        case storage
        case unavailable
    }

    /// The kind of failure.
    public var kind: Kind
    /// One clear line for the user.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// Wraps any error as one line, keeping `UsageError`s as they are.
    public static func wrapping(_ error: any Error, context: String) -> UsageError {
        if let usage = error as? UsageError { return usage }
        return UsageError(.storage, "\(context): \(String(describing: error).split(separator: "\n").first ?? "")")
    }
}
