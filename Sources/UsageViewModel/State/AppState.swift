import Foundation
import KeyInput
import UsageCore

/// Everything the dashboard shows, and nothing it draws with: the reducer's state.
public struct AppState: Sendable, Equatable {
    /// The clock as last told by the loop.
    public var now: Date
    /// Terminal width in cells.
    public var width: Int
    /// Terminal height in cells.
    public var height: Int
    /// The provider's name (`local`).
    public var providerName: String
    /// What the provider can answer.
    public var capabilities: ProviderCapabilities
    /// Where the data comes from, once known.
    public var source: SourceInfo?
    /// All metrics.
    public var metrics: [Metric] = []
    /// The metric of the customers table and client-wide chart.
    public var metricIndex = 0
    /// Keys from `config.toml`'s `[keys]`, replacing the built-in keys of the commands they name.
    public var keyOverrides: [Command: [Key]] = [:]
    /// Theme names `:theme` completes.
    public var themeNames: [String] = []
    /// The theme drawn with, once `:theme` or a profile chose one (nil: the one the session started with).
    public var themeName: String?
    /// `config.toml` profile names `:profile` completes.
    public var profileNames: [String] = []
    /// The profile shown, if one was chosen.
    public var profileName: String?
    /// The `:` command line being typed, nil when closed.
    public var commandLine: String?
    /// The period, as chosen (a preset, trailing hours or days, or a typed range).
    public var period: PeriodChoice
    /// The timeseries bucket.
    public var bucket: Bucket
    /// What the change columns and the chart readout compare the period with (`c`); nil: no comparison.
    public var comparison: Comparison?
    /// The root view.
    public var customers = CustomersState()
    /// Views opened on top of the customers view.
    public var stack: [Screen] = []
    /// An overlay over the current view.
    public var overlay: Overlay?
    /// Whether the metric list is being (re)loaded.
    public var loadingMetrics = false
    /// When data last arrived.
    public var lastRefresh: Date?
    /// A status-line message.
    public var message: StatusMessage?
    /// The property the last breakdown split by: the next one (another bucket, another metric) opens on it when
    /// its events carry it.
    public var breakdownKey: String?
    /// Set when the user quits.
    public var shouldQuit = false
    /// How many times the user asked for the whole screen to be drawn again (`redraw`, Ctrl-L unless rebound).
    public var fullRedraws = 0
    /// Seconds between automatic refreshes; nil when off (`+` turns it on).
    public var refreshSeconds: Int?
    /// Whether automatic refresh is paused (`space`).
    public var paused = false
    /// When the next automatic refresh is due.
    public var nextRefreshAt: Date?
    /// Advances while something loads, for the spinner.
    public var spinnerFrame = 0
    var requests = RequestCounter()

    /// Creates the initial state.
    public init(
        now: Date, width: Int, height: Int, providerName: String, capabilities: ProviderCapabilities,
        period: PeriodChoice = .preset(.thisMonth), bucket: Bucket = .day
    ) {
        self.now = now
        self.width = width
        self.height = height
        self.providerName = providerName
        self.capabilities = capabilities
        self.period = period
        // A bucket that does not suit the period asked at start (days for `-36h`) gives way to its natural one.
        self.bucket = bucket.fits(period.resolve(now: now)) ? bucket : period.naturalBucket(now: now)
    }

    /// The current view.
    public var screenKind: ScreenKind { stack.last?.kind ?? .customers }
    /// The selected metric, if metrics are loaded.
    public var metric: Metric? { metrics.indices.contains(metricIndex) ? metrics[metricIndex] : nil }
    /// The concrete period.
    public var resolvedPeriod: Period { period.resolve(now: now) }
    /// Whether anything is loading.
    public var isLoading: Bool {
        loadingMetrics || customers.request != nil || !customers.sideRequests.isEmpty
            || stack.contains { $0.request != nil }
    }
    /// Data rows of a full-screen table.
    public var tableRows: Int { Layout.tableRows(height: height) }
}
