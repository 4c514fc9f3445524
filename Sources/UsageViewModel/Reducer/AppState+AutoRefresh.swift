import Foundation

extension AppState {
    /// The intervals `+` and `-` step through, in seconds.
    static let refreshSteps = [1, 2, 5, 10, 30, 60, 300]

    /// Turns automatic refresh on every `seconds` (at least 1), starting from now.
    public mutating func setRefresh(seconds: Int?) {
        refreshSeconds = seconds.map { max(1, $0) }
        nextRefreshAt = refreshSeconds.map { now.addingTimeInterval(Double($0)) }
    }

    /// Pause, faster and slower; nil for other commands.
    mutating func autoRefreshCommand(_ command: Command) -> [Effect]? {
        switch command {
        case .togglePause:
            paused.toggle()
            message = StatusMessage(paused ? "auto-refresh paused" : "auto-refresh resumed", .info)
            if !paused { nextRefreshAt = refreshSeconds.map { now.addingTimeInterval(Double($0)) } }
        case .fasterRefresh:
            let current = refreshSeconds ?? Int.max
            setRefresh(seconds: Self.refreshSteps.last { $0 < current } ?? Self.refreshSteps[0])
            message = StatusMessage("auto-refresh every \(refreshSeconds!)s", .info)
        case .slowerRefresh:
            guard let current = refreshSeconds else { return [] }
            setRefresh(seconds: Self.refreshSteps.first { $0 > current } ?? current)
            message = StatusMessage("auto-refresh every \(refreshSeconds!)s", .info)
        default:
            return nil
        }
        return []
    }

    /// On a tick: when a refresh is due and nothing is loading, reload what is on screen (old numbers stay).
    mutating func refreshIfDue() -> [Effect] {
        guard !paused, let seconds = refreshSeconds, let due = nextRefreshAt, now >= due else { return [] }
        nextRefreshAt = now.addingTimeInterval(Double(seconds))
        guard !isLoading else { return [] }
        return [.revalidateCache, .load(nil, .source)] + (stack.isEmpty ? loadCustomers() : reloadTop())
    }
}
