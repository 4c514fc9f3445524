import UsageCore

/// What the program around the dashboard does for it besides loading data: put text on the clipboard, switch the
/// theme, and open another profile's data. The executable supplies them; tests inject their own.
public struct ProgramHooks: Sendable {
    /// Receives text to copy (the terminal program writes it as OSC 52).
    public var clipboard: @Sendable (String) -> Void
    /// Makes the named theme ready to draw with (the state's `themeName` then chooses it); returns why it cannot.
    public var applyTheme: @Sendable (String) -> UsageError?
    /// The data service of a `config.toml` profile, and the theme that profile names.
    public var openProfile: @Sendable (String) async -> Result<(service: DataService, theme: String?), UsageError>

    /// Creates hooks; each defaults to refusing politely.
    public init(
        clipboard: @escaping @Sendable (String) -> Void = { _ in },
        applyTheme: @escaping @Sendable (String) -> UsageError? = { _ in
            UsageError(.unsupported, "themes cannot change here")
        },
        openProfile: @escaping @Sendable (String) async -> Result<(service: DataService, theme: String?), UsageError> =
            { _ in
                .failure(UsageError(.unsupported, "profiles cannot change here"))
            }
    ) {
        self.clipboard = clipboard
        self.applyTheme = applyTheme
        self.openProfile = openProfile
    }
}
