/// The semantic colour roles every theme defines; widgets and screens ask for roles, never colours.
public enum ThemeRole: String, Sendable, Hashable, CaseIterable {
    case background, foreground, muted, title, border, focus, selection, accent, ok, warn, error, stale
}

/// Optional per-widget keys; each falls back to a role when a theme leaves it out.
public enum ThemeKey: String, Sendable, Hashable, CaseIterable {
    case headerBar = "header.bar"
    case headerDemo = "header.demo"
    case tableHeader = "table.header"
    case tableSorter = "table.sorter"
    case statusBar = "status.bar"
    case statusKey = "status.key"
    case filter = "filter"
    case crumbs = "crumbs"
    case sparkline = "sparkline"
    case chart = "chart"
    case axis = "axis"
    case modalBorder = "modal.border"

    /// The role used when the theme does not set this key.
    public var fallback: ThemeRole {
        switch self {
        case .headerBar, .statusBar: .selection
        case .headerDemo: .warn
        case .tableHeader, .crumbs: .title
        case .tableSorter, .filter, .statusKey, .sparkline, .chart: .accent
        case .axis: .muted
        case .modalBorder: .focus
        }
    }
}
