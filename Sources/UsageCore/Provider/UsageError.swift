/// A failure a person can read in one line; never carries secrets or stack traces.
public struct UsageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, for deciding what to do.
    public enum Kind: Sendable, Hashable {
        case notFound
        case unsupported
        case invalidInput
        case storage
        case unavailable
        /// Work given up because nobody waits for it any more (a view left, a question superseded by the next
        /// key): never a failure to show.
        case cancelled
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

    /// Wraps any error as one line, keeping `UsageError`s (and errors that convert themselves) as they are.
    public static func wrapping(_ error: any Error, context: String) -> UsageError {
        if let usage = error as? UsageError { return usage }
        if error is CancellationError { return UsageError(.cancelled, "\(context): given up") }
        if let convertible = error as? any UsageErrorConvertible { return convertible.usageError }
        return UsageError(.storage, "\(context): \(String(describing: error).split(separator: "\n").first ?? "")")
    }
}

/// An error that knows its own one-line `UsageError` (provider errors already name the provider and the call).
public protocol UsageErrorConvertible: Error {
    /// The error as the data service reports it.
    var usageError: UsageError { get }
}
