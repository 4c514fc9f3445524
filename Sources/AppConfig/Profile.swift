/// One `[profiles.NAME]` table of `config.toml`.
public struct Profile: Sendable, Hashable, Decodable {
    /// `local`, `lago`, `hyperline` or `prolifi`.
    public var provider: String?
    /// The API base URL.
    public var baseURL: String?
    /// The environment variable that holds the key.
    public var apiKeyEnv: String?
    /// A command whose standard output is the key (a password manager).
    public var apiKeyCommand: String?
    /// The theme name.
    public var theme: String?
    /// Seconds between automatic refreshes (within `refreshRange`).
    public var refresh: Int?

    /// The refresh intervals accepted, in seconds, from the command line and from `config.toml`.
    public static let refreshRange = 1...86_400
    /// The local store path, for `provider = "local"`.
    public var db: String?
    /// Alert rules for this profile (replacing the top-level `[alerts]`).
    public var alerts: AlertsConfig?
    /// Whether clicks and the wheel reach usagetop (replacing the top-level `mouse`).
    public var mouse: Bool?

    enum CodingKeys: String, CodingKey {
        case provider, theme, refresh, db, alerts, mouse
        case baseURL = "base_url"
        case apiKeyEnv = "api_key_env"
        case apiKeyCommand = "api_key_command"
    }

    /// Creates a profile.
    public init(provider: String? = nil, baseURL: String? = nil, apiKeyEnv: String? = nil, apiKeyCommand: String? = nil,
                theme: String? = nil, refresh: Int? = nil, db: String? = nil) {
        self.provider = provider
        self.baseURL = baseURL
        self.apiKeyEnv = apiKeyEnv
        self.apiKeyCommand = apiKeyCommand
        self.theme = theme
        self.refresh = refresh
        self.db = db
    }
}
