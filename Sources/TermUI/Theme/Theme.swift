/// A resolved theme: every role set, optional widget keys, and styles composed from them.
public struct Theme: Sendable, Hashable {
    /// The theme's name.
    public var name: String
    var roles: [ThemeRole: ThemeEntry]
    var keys: [ThemeKey: ThemeEntry]

    /// Creates a theme; roles left out take the compiled-in default's.
    public init(name: String, roles: [ThemeRole: ThemeEntry], keys: [ThemeKey: ThemeEntry] = [:]) {
        self.name = name
        self.roles = Theme.defaultRoles.merging(roles) { _, new in new }
        self.keys = keys
    }

    /// The entry of a role.
    public func entry(_ role: ThemeRole) -> ThemeEntry { roles[role] ?? ThemeEntry(.default) }

    /// The entry of a widget key, falling back to its role.
    public func entry(_ key: ThemeKey) -> ThemeEntry { keys[key] ?? entry(key.fallback) }

    /// Text in `role`'s colour on the theme background.
    public func text(_ role: ThemeRole) -> Style {
        let e = entry(role)
        return Style(foreground: e.color, background: entry(.background).color, attributes: e.attributes)
    }

    /// Text in a widget key's colour on the theme background.
    public func text(_ key: ThemeKey) -> Style {
        let e = entry(key)
        return Style(foreground: e.color, background: entry(.background).color, attributes: e.attributes)
    }

    /// Foreground text on `role`'s colour as background (selection, bars).
    public func fill(_ role: ThemeRole) -> Style {
        let e = entry(role)
        return Style(foreground: entry(.foreground).color, background: e.color, attributes: e.attributes)
    }

    /// Foreground text on a widget key's colour as background.
    public func fill(_ key: ThemeKey) -> Style {
        let e = entry(key)
        return Style(foreground: entry(.foreground).color, background: e.color, attributes: e.attributes)
    }

    /// The plain text style.
    public var base: Style { text(.foreground) }

    /// The compiled-in default: the schema every theme file is checked against.
    public static let defaultRoles: [ThemeRole: ThemeEntry] = [
        .background: ThemeEntry(.default),
        .foreground: ThemeEntry(.indexed(252)),
        .muted: ThemeEntry(.indexed(244)),
        .title: ThemeEntry(.indexed(117), .bold),
        .border: ThemeEntry(.indexed(240)),
        .focus: ThemeEntry(.indexed(81)),
        .selection: ThemeEntry(.indexed(24)),
        .accent: ThemeEntry(.indexed(179)),
        .ok: ThemeEntry(.indexed(114)),
        .warn: ThemeEntry(.indexed(214), .bold),
        .error: ThemeEntry(.indexed(203), .bold),
        .stale: ThemeEntry(.indexed(139)),
    ]

    /// The compiled-in default theme.
    public static let standard = Theme(name: "default", roles: defaultRoles)

    /// Black and white: used for `NO_COLOR` and terminals without colour.
    public static let monochrome = Theme(
        name: "mono",
        roles: Dictionary(uniqueKeysWithValues: ThemeRole.allCases.map { ($0, ThemeEntry(.default)) })
            .merging([
                .title: ThemeEntry(.default, .bold), .selection: ThemeEntry(.default, .reverse),
                .muted: ThemeEntry(.default, .dim), .warn: ThemeEntry(.default, .bold),
                .error: ThemeEntry(.default, [.bold, .underline]), .focus: ThemeEntry(.default, .bold),
                .stale: ThemeEntry(.default, .dim),
            ]) { _, new in new })
}
