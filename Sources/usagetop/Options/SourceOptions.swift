import AppConfig
import ArgumentParser
import Foundation
import LocalStore
import PostgresStore
import RemoteProviders
import UsageCore

/// Where data comes from: the embedded store (`--db`) or a provider's API (`--provider`, `--base-url`).
struct SourceOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Data source: \(ProviderRegistry.listed(ProviderRegistry.sourceNames)) (default: the profile's, else local)."
        ))
    var provider: String?

    @Option(
        help:
            "A profile from $XDG_CONFIG_HOME/usagetop/config.toml (provider, base_url, api_key_env or api_key_command, theme).",
        completion: NameCompletion.profiles
    )
    var profile: String?

    @Option(
        help:
            "The provider's API base URL (self-hosted Lago, sandboxes, a test server). Plain http:// only to loopback.")
    var baseURL: String?

    @Option(
        name: .long,
        help:
            "The usage store read with --provider local and written by sync: an SQLite file (default: $XDG_DATA_HOME/usagetop/usage.sqlite) or postgres://user@host/database."
    )
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

    /// The price plans of `config.toml` for `chosen` (its own, else the file's). Without `--profile` a file that
    /// cannot be read leaves the source unpriced with a warning, as before plans existed; with one, the profile's
    /// read has already failed on it.
    func plans(profile chosen: Profile?, warnings: inout [String]) -> PlanBook {
        var found: [String] = []  // said already when a profile was read from the same file
        defer { if profile == nil { warnings += found } }
        do {
            return try configFile(warnings: &found).plans(profile: chosen)
        } catch {
            found.append("\(error.message); prices from config.toml are left out")
            return PlanBook()
        }
    }

    /// The API provider chosen by `--provider`, else by the profile; nil for the local store (the default).
    func kind(profile chosen: Profile?) throws(UsageError) -> ProviderDescriptor? {
        if let provider { return try Self.descriptor(named: provider, from: "--provider") }
        guard let name = chosen?.provider else { return nil }
        return try Self.descriptor(named: name, from: "profile '\(profile ?? "")'")
    }

    /// The provider of a source name; nil for `local`, an error naming the known sources for anything else.
    static func descriptor(named name: String, from place: String) throws(UsageError) -> ProviderDescriptor? {
        if name == ProviderRegistry.localName { return nil }
        guard let found = ProviderRegistry.provider(named: name) else {
            let known = ProviderRegistry.listed(ProviderRegistry.sourceNames)
            throw UsageError(.invalidInput, "\(place): unknown provider '\(EscapedText.line(name))' (known: \(known))")
        }
        return found
    }

    /// The data service over the chosen source (a new local store is filled with demo data first, unless
    /// `interactive` is false: a switch made from inside the dashboard, where nothing may write to the terminal),
    /// pricing with `config.toml`'s plans unless `priced` is false (the monitor, which shows no money and should not
    /// pay for pricing on every refresh).
    /// With `storeOnly` the store is opened even when a provider is named (reconcile reads the store sync filled).
    func makeService(interactive: Bool = true, priced: Bool = true, storeOnly: Bool = false) async throws(UsageError)
        -> DataService
    {
        AppLogging.start()
        var warnings: [String] = []
        let chosen = try selectedProfile(warnings: &warnings)
        let plans = priced ? self.plans(profile: chosen, warnings: &warnings) : PlanBook()
        if interactive { for warning in warnings { StandardError.line("usagetop: warning: \(warning)") } }
        let service: DataService
        if !storeOnly, let remote = try kind(profile: chosen) {
            service = DataService(provider: try await remoteProvider(remote, chosen), plans: plans, cache: .remote)
        } else {
            switch StoreLocation.chosen(db: db, profile: chosen, reading: true) {
            case .file(let path):
                let store = try await StoreOpener.open(path: path, buildingDemo: interactive)
                let provider = LocalProvider(store: store)
                // The demo keeps its own plan; a plan in config.toml replaces it.
                service = DataService(
                    provider: provider, plans: priced ? await plans.orKept(by: provider) : plans, cache: .untilChanged)
            case .postgres(let url):
                let store = try await StoreLocation.openPostgres(url: url, profile: chosen)
                service = DataService(provider: PostgresProvider(store: store), plans: plans, cache: .untilChanged)
            }
        }
        if interactive, !plans.isEmpty {
            for problem in await service.planProblems() { StandardError.line("usagetop: warning: \(problem)") }
        }
        return service
    }

    /// The API provider `descriptor` describes, spending `rateShare` of its published rate limit.
    func remoteProvider(_ descriptor: ProviderDescriptor, _ chosen: Profile?, rateShare: Double = 1)
        async throws(UsageError) -> any UsageProvider & CallCounting
    {
        descriptor.provider(configuration: try await configuration(descriptor, chosen), share: rateShare)
    }

    /// The base URL the provider is read at: `--base-url`, else the profile's, else the provider's public API.
    func baseURL(_ descriptor: ProviderDescriptor, _ chosen: Profile?) -> String {
        baseURL ?? chosen?.baseURL ?? descriptor.defaultBaseURL
    }

    /// These options with `name` as the profile and nothing else chosen on the command line, so that the profile
    /// alone says where its data comes from (`:profile`).
    func switching(to name: String) -> SourceOptions {
        var other = self
        (other.profile, other.provider, other.baseURL, other.db) = (name, nil, nil, nil)
        return other
    }

    private func configuration(_ descriptor: ProviderDescriptor, _ chosen: Profile?) async throws(UsageError)
        -> APIConfiguration
    {
        let key = try await KeySource.key(
            provider: descriptor.name, variable: descriptor.keyVariable, profile: chosen,
            environment: ProcessInfo.processInfo.environment)
        do {
            return try APIConfiguration(
                providerName: descriptor.name, baseURL: baseURL(descriptor, chosen), apiKey: Secret(key))
        } catch {
            throw error.usageError
        }
    }
}
