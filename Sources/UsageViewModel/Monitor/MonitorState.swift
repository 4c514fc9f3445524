import Foundation
import KeyInput
import UsageCore

/// Everything the monitor shows: one panel per kind of data, each with its own age and failure, plus the
/// refresh and metric-cycling clocks. The reducer's state; nothing here draws or fetches.
public struct MonitorState: Sendable, Equatable {
    /// The clock as last told by the loop.
    public var now: Date
    /// Terminal width in cells.
    public var width: Int
    /// Terminal height in cells.
    public var height: Int
    /// The provider's name.
    public var providerName: String
    /// What the provider can answer.
    public var capabilities: ProviderCapabilities
    /// Where the data comes from.
    public var source = Loadable<SourceInfo>()
    /// The metric list; its failure means nothing else can refresh.
    public var catalog = Loadable<[Metric]>()
    /// The metric ranked in the top-customers panel.
    public var metricIndex = 0
    /// The period.
    public var period: PeriodChoice
    /// Alert rules.
    public var rules: AlertRules
    /// Whether every metric is checked for alerts (cheap on the local store); otherwise only the metric on screen
    /// and the metrics that have thresholds.
    public var scansAllMetrics: Bool
    /// Top customers per metric code (each metric keeps its own board and age while the display cycles).
    public var boards: [String: Loadable<Leaderboard>] = [:]
    /// All-customer series per metric code.
    public var series: [String: Loadable<TimeSeries>] = [:]
    /// Alerts from the latest activity.
    public var alerts = Loadable<[Alert]>()
    /// Seconds between refreshes.
    public var refreshSeconds: Int
    /// Whether refreshing is paused (`space`).
    public var paused = false
    /// When the next refresh is due.
    public var nextRefreshAt: Date
    /// Seconds between metric changes, nil when the metric stays.
    public var cycleSeconds: Int?
    /// When the metric changes next.
    public var nextCycleAt: Date?
    /// Whether the key help is shown.
    public var showsHelp = false
    /// Whether the clock and the metric's total are drawn in big digits across the top (`--big`, `B`).
    public var bigNumbers = false
    /// Keys from `config.toml`'s `[keys]`, replacing the built-in keys of the commands they name.
    public var keyOverrides: [Command: [Key]] = [:]
    /// A status-line message.
    public var message: StatusMessage?
    /// Set when the user quits.
    public var shouldQuit = false
    /// How many times the user asked for the whole screen to be drawn again (`redraw`, Ctrl-L unless rebound).
    public var fullRedraws = 0
    /// Advances while something loads, for the spinner.
    public var spinnerFrame = 0
    var requests = RequestCounter()
    /// The last activity evaluated, under which rules, and the alerts it raised.
    var lastActivity: AlertMemo?

    /// Creates the initial state; `refreshSeconds` is at least 1.
    public init(
        now: Date, width: Int, height: Int, providerName: String, capabilities: ProviderCapabilities,
        period: PeriodChoice = .preset(.last24Hours), refreshSeconds: Int, cycleSeconds: Int? = nil,
        rules: AlertRules = AlertRules(), scansAllMetrics: Bool = true
    ) {
        self.now = now
        self.width = width
        self.height = height
        self.providerName = providerName
        self.capabilities = capabilities
        self.period = period
        self.refreshSeconds = max(1, refreshSeconds)
        self.cycleSeconds = cycleSeconds.map { max(1, $0) }
        self.rules = rules
        self.scansAllMetrics = scansAllMetrics
        nextRefreshAt = now.addingTimeInterval(Double(self.refreshSeconds))
        nextCycleAt = self.cycleSeconds.map { now.addingTimeInterval(Double($0)) }
    }

    /// All metrics, once known.
    public var metrics: [Metric] { catalog.value ?? [] }
    /// The metric on screen.
    public var metric: Metric? { metrics.indices.contains(metricIndex) ? metrics[metricIndex] : nil }
    /// The board of the metric on screen.
    public var board: Loadable<Leaderboard> { metric.flatMap { boards[$0.code] } ?? Loadable() }
    /// The concrete period.
    public var resolvedPeriod: Period { period.resolveRolling(now: now) }
    /// Whether anything is loading.
    public var isLoading: Bool {
        source.isLoading || catalog.isLoading || alerts.isLoading || boards.values.contains(where: \.isLoading)
            || series.values.contains(where: \.isLoading)
    }
    /// The alerts on the metric on screen, by customer id (the loudest per customer).
    public var alertsOnScreen: [String: Alert] {
        guard let code = metric?.code else { return [:] }
        var found: [String: Alert] = [:]
        for alert in alerts.value ?? [] where alert.metric.code == code && found[alert.customer.id] == nil {
            found[alert.customer.id] = alert
        }
        return found
    }
}
