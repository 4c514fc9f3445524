import ArgumentParser
import Foundation
import LocalStore
import RemoteProviders
import UsageCore

/// Where data comes from: the embedded store (`--db`) or a provider's API (`--provider`, `--base-url`).
struct SourceOptions: ParsableArguments {
    @Option(help: "Data source: local, lago, hyperline or prolifi.")
    var provider: ProviderKind = .local

    @Option(help: "The provider's API base URL (self-hosted Lago, sandboxes, a test server). Plain http:// only to loopback.")
    var baseURL: String?

    @Option(name: .long, help: "The SQLite usage store for --provider local (default: $XDG_DATA_HOME/usagetop/usage.sqlite).")
    var db: String?

    /// The local store path (see `StoreOptions`).
    var storePath: String { StoreOptions.path(db: db) }

    /// The data service over the chosen source (a new local store is filled with demo data first).
    func makeService() throws(UsageError) -> DataService {
        switch provider {
        case .local:
            return DataService(provider: LocalProvider(store: try StoreOpener.open(path: storePath)))
        case .lago:
            let api = APIClient(configuration: try configuration(), throttle: .lago())
            return DataService(provider: LagoProvider(api: api), cache: .remote)
        case .hyperline:
            let api = APIClient(configuration: try configuration(), throttle: .hyperline())
            return DataService(provider: HyperlineProvider(api: api), cache: .remote)
        case .prolifi:
            let api = APIClient(configuration: try configuration(), throttle: .prolifi())
            return DataService(provider: ProlifiProvider(api: api), cache: .remote)
        }
    }

    private func configuration() throws(UsageError) -> APIConfiguration {
        let environment = ProcessInfo.processInfo.environment
        let variables = ["USAGETOP_API_KEY", provider.keyVariable]
        guard let key = variables.lazy.compactMap({ environment[$0] }).first(where: { !$0.isEmpty }) else {
            throw UsageError(.invalidInput, "\(provider.rawValue) needs an API key: set \(provider.keyVariable) or USAGETOP_API_KEY")
        }
        do {
            return try APIConfiguration(
                providerName: provider.rawValue, baseURL: baseURL ?? provider.defaultBaseURL, apiKey: Secret(key))
        } catch {
            throw error.usageError
        }
    }
}

/// The data sources usagetop knows.
enum ProviderKind: String, ExpressibleByArgument, CaseIterable {
    case local, lago, hyperline, prolifi

    /// The provider-specific environment variable holding the key.
    var keyVariable: String { rawValue.uppercased() + "_API_KEY" }

    /// The public API base URL.
    var defaultBaseURL: String {
        switch self {
        case .local: ""
        case .lago: "https://api.getlago.com/api/v1"
        case .hyperline: "https://api.hyperline.co"
        case .prolifi: "https://api.prolifi.co/api/v1/public"
        }
    }
}
