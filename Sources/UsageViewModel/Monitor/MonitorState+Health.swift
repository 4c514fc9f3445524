import Foundation

extension MonitorState {
    /// What is failing right now, for the banner: the first failure's text, when failures began, how many panels.
    public var failure: (text: String, since: Date, panels: Int)? {
        var found: [(String, Date)] = []
        func check<V>(_ panel: Loadable<V>) {
            if let error = panel.error { found.append((error, panel.failingSince ?? now)) }
        }
        check(catalog)
        check(source)
        if let metric, let board = boards[metric.code] { check(board) }
        for code in metrics.map(\.code) { if let panel = series[code] { check(panel) } }
        check(alerts)
        guard let first = found.first else { return nil }
        return (first.0, found.map(\.1).min() ?? first.1, found.count)
    }

    /// When the next refresh will try again, as the banner says it: `retrying now`, `paused`, `next try in 12s`.
    public var retryText: String {
        if paused { return "refresh paused" }
        if isLoading { return "retrying now" }
        let seconds = max(0, Int(nextRefreshAt.timeIntervalSince(now).rounded(.up)))
        return "next try in \(seconds)s"
    }
}
