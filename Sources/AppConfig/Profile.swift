import UsageCore

/// One `[profiles.NAME]` table of `config.toml`.
public struct Profile: Sendable, Hashable, Decodable {
    /// `local` or a provider of `ProviderRegistry` (`lago`).
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
    /// The store: an SQLite file path, or `postgres://user@host/database` for a shared PostgreSQL store (read with
    /// `provider = "local"`, written by `usagetop sync` and `usagetop ingest`).
    public var db: String?
    /// A streaming replica of `db` that dashboards, monitors and headless reads use instead (`usagetop sync` and
    /// `ingest` still write `db`).
    public var readDB: String?
    /// The environment variable that holds the PostgreSQL store's password.
    public var passwordEnv: String?
    /// A command whose standard output is the PostgreSQL store's password.
    public var passwordCommand: String?
    /// Alert rules for this profile (replacing the top-level `[alerts]`).
    public var alerts: AlertsConfig?
    /// Whether clicks and the wheel reach usagetop (replacing the top-level `mouse`).
    public var mouse: Bool?
    /// Price plans for this profile (replacing the top-level `[[plans]]`).
    public var plans: PlanBook?

    enum CodingKeys: String, CodingKey {
        case provider, theme, refresh, db, alerts, mouse
        case baseURL = "base_url"
        case apiKeyEnv = "api_key_env"
        case apiKeyCommand = "api_key_command"
        case passwordEnv = "password_env"
        case passwordCommand = "password_command"
        case readDB = "read_db"
    }

    /// Creates a profile.
    public init(
        provider: String? = nil, baseURL: String? = nil, apiKeyEnv: String? = nil, apiKeyCommand: String? = nil,
        theme: String? = nil, refresh: Int? = nil, db: String? = nil, passwordEnv: String? = nil,
        passwordCommand: String? = nil
    ) {
        self.provider = provider
        self.baseURL = baseURL
        self.apiKeyEnv = apiKeyEnv
        self.apiKeyCommand = apiKeyCommand
        self.theme = theme
        self.refresh = refresh
        self.db = db
        self.passwordEnv = passwordEnv
        self.passwordCommand = passwordCommand
    }
}
