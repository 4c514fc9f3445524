import AppConfig
import ArgumentParser
import Foundation
import LocalStore
import PostgresStore
import RemoteProviders
import UsageCore

/// Where data comes from: the embedded store (`--db`) or a provider's API (`--provider`, `--base-url`).
struct SourceOptions: ParsableArguments {
    @Option(help: "Data source: local, lago, hyperline or prolifi (default: the profile's, else local).")
    var provider: ProviderKind?

    @Option(help: "A profile from $XDG_CONFIG_HOME/usagetop/config.toml (provider, base_url, api_key_env or api_key_command, theme).")
    var profile: String?

    @Option(help: "The provider's API base URL (self-hosted Lago, sandboxes, a test server). Plain http:// only to loopback.")
    var baseURL: String?

    @Option(name: .long, help: "The usage store read with --provider local and written by sync: an SQLite file (default: $XDG_DATA_HOME/usagetop/usage.sqlite) or postgres://user@host/database.")
    var db: String?

    /// The selected profile (nil without `--profile`); warnings about the config file go to `warnings`.
    func selectedProfile(warnings: inout [String]) throws(UsageError) -> Profile? {
        guard let profile else { return nil }
        return try configFile(warnings: &warnings).profile(profile)
    }

    /// `config.toml` (empty when there is none).
    func configFile(warnings: inout [String]) throws(UsageError) -> ConfigFile {
        let path = ConfigFile.defaultPath(environment: ProcessInfo.processInfo.environment)
        return try ConfigFile.load(path: path, warnings: &warnings)
    }

    /// The provider chosen by `--provider`, else by the profile, else local.
    func kind(profile chosen: Profile?) throws(UsageError) -> ProviderKind {
        if let provider { return provider }
        guard let name = chosen?.provider else { return .local }
        guard let named = ProviderKind(rawValue: name) else {
            throw UsageError(.invalidInput, "profile '\(profile ?? "")': unknown provider '\(name)'")
        }
        return named
    }

    /// The data service over the chosen source (a new local store is filled with demo data first, unless
    /// `interactive` is false: a switch made from inside the dashboard, where nothing may write to the terminal).
    func makeService(interactive: Bool = true) async throws(UsageError) -> DataService {
        AppLogging.start()
        var warnings: [String] = []
        let chosen = try selectedProfile(warnings: &warnings)
        if interactive { for warning in warnings { StandardError.line("usagetop: warning: \(warning)") } }
        let kind = try kind(profile: chosen)
        switch kind {
        case .local:
            switch StoreLocation.chosen(db: db, profile: chosen) {
            case .file(let path):
                let store = try await StoreOpener.open(path: path, buildingDemo: interactive)
                return DataService(provider: LocalProvider(store: store), cache: .untilChanged)
            case .postgres(let url):
                let store = try await StoreLocation.openPostgres(url: url, profile: chosen)
                return DataService(provider: PostgresProvider(store: store), cache: .untilChanged)
            }
        case .lago, .hyperline, .prolifi:
            return DataService(provider: try await remoteProvider(kind, chosen), cache: .remote)
        }
    }

    /// The API provider of `kind` (not `.local`), spending `rateShare` of its published rate limit.
    func remoteProvider(_ kind: ProviderKind, _ chosen: Profile?, rateShare: Double = 1) async throws(UsageError)
        -> any UsageProvider
    {
        let configuration = try await configuration(kind, chosen)
        switch kind {
        case .local: throw UsageError(.invalidInput, "the local store is not an API provider")
        case .lago: return LagoProvider(api: APIClient(configuration: configuration, throttle: .lago(share: rateShare)))
        case .hyperline:
            return HyperlineProvider(api: APIClient(configuration: configuration, throttle: .hyperline(share: rateShare)))
        case .prolifi: return ProlifiProvider(api: APIClient(configuration: configuration, throttle: .prolifi(share: rateShare)))
        }
    }

    /// These options with `name` as the profile and nothing else chosen on the command line, so that the profile
    /// alone says where its data comes from (`:profile`).
    func switching(to name: String) -> SourceOptions {
        var other = self
        (other.profile, other.provider, other.baseURL, other.db) = (name, nil, nil, nil)
        return other
    }

    private func configuration(_ kind: ProviderKind, _ chosen: Profile?) async throws(UsageError) -> APIConfiguration {
        let key = try await KeySource.key(provider: kind.rawValue, profile: chosen, environment: ProcessInfo.processInfo.environment)
        do {
            return try APIConfiguration(
                providerName: kind.rawValue, baseURL: baseURL ?? chosen?.baseURL ?? kind.defaultBaseURL, apiKey: Secret(key))
        } catch {
            throw error.usageError
        }
    }
}

/// The data sources usagetop knows.
enum ProviderKind: String, ExpressibleByArgument, CaseIterable {
    case local, lago, hyperline, prolifi

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
