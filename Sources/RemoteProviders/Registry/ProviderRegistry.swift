/// The API providers usagetop reads, one line each. Adding a provider is a folder beside `Lago/` with its provider
/// and descriptor, and its line here (see ARCHITECTURE.md, "Adding a provider").
public enum ProviderRegistry {
    /// Every API provider, in the order help texts list them.
    public static let providers: [ProviderDescriptor] = [
        LagoProvider.descriptor,
        HyperlineProvider.descriptor,
        ProlifiProvider.descriptor,
    ]

    /// The name of the embedded store as a source (`--provider local`).
    public static let localName = "local"

    /// Every source name: the local store, then each provider.
    public static var sourceNames: [String] { [localName] + providers.map(\.name) }

    /// The provider named `name`; nil for `local` or an unknown name.
    public static func provider(named name: String) -> ProviderDescriptor? {
        providers.first { $0.name == name }
    }

    /// The names as a help text lists them: `local, lago, hyperline or prolifi`.
    public static func listed(_ names: [String]) -> String {
        names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
    }
}
