import UsageCore

/// A failed API call, as one line: provider, what failed, HTTP status and the provider's own message.
public struct APIError: UsageErrorConvertible, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure.
    public enum Kind: Sendable, Hashable {
        case invalidConfiguration
        case http(status: Int, code: String?)
        case timeout
        case transport
        case tooLarge
        case malformed
        /// The call was given up (its caller left): never a failure to show.
        case cancelled
    }

    /// The provider's short name.
    public var provider: String
    /// The kind.
    public var kind: Kind
    /// The line shown to the user.
    public var message: String

    /// Creates an error.
    public init(provider: String, kind: Kind, message: String) {
        self.provider = provider
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(provider): \(message)" }

    /// The HTTP status, if the server answered.
    public var status: Int? {
        if case .http(let status, _) = kind { return status }
        return nil
    }

    /// The same failure as a `UsageError` for the data service.
    public var usageError: UsageError {
        switch kind {
        case .http(404, _): UsageError(.notFound, description)
        case .invalidConfiguration: UsageError(.invalidInput, description)
        case .cancelled: UsageError(.cancelled, description)
        default: UsageError(.unavailable, description)
        }
    }
}
