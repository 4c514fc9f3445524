import UsageCore

/// What the dashboard needs to know of a profile it switched to.
public struct ProfileInfo: Sendable, Hashable {
    /// The provider's name (`lago`).
    public var providerName: String
    /// What the provider can answer.
    public var capabilities: ProviderCapabilities

    /// Creates the description.
    public init(providerName: String, capabilities: ProviderCapabilities) {
        self.providerName = providerName
        self.capabilities = capabilities
    }
}
