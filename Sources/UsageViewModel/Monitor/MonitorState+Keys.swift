import Foundation
import KeyInput

extension MonitorState {
    /// Handles a key through the monitor's key map.
    mutating func press(_ key: Key) -> [Effect] {
        if case .text(let text) = key {  // no text field here: each character is a key of its own
            var effects: [Effect] = []
            for character in text where !shouldQuit { effects += press(.character(character)) }
            return effects
        }
        if showsHelp {
            showsHelp = false
            return []
        }
        guard let command = KeyMap.command(forMonitor: key, overrides: keyOverrides) else { return [] }
        switch command {
        case .quit:
            shouldQuit = true
            return [.quit]
        case .help:
            showsHelp = true
        case .redraw:
            fullRedraws += 1
        case .refresh:
            nextRefreshAt = now.addingTimeInterval(Double(refreshSeconds))
            return isLoading ? [] : refresh(.invalidateCache)
        case .nextMetric, .previousMetric:
            nextCycleAt = cycleSeconds.map { now.addingTimeInterval(Double($0)) }
            return showMetric(at: metricIndex + (command == .nextMetric ? 1 : -1))
        case .nextPeriod, .earlierPeriod, .laterPeriod:
            period =
                command == .nextPeriod ? period.next : period.shifted(by: command == .earlierPeriod ? -1 : 1, now: now)
            boards.removeAll()
            series.removeAll()
            message = StatusMessage("period: \(period.label)", .info)
            return isLoading ? [] : refresh(nil)
        case .toggleBigNumbers:
            bigNumbers.toggle()
            message = StatusMessage(bigNumbers ? "big digits on" : "big digits off", .info)
        case .togglePause:
            paused.toggle()
            message = StatusMessage(paused ? "refresh paused" : "refresh resumed", .info)
            if !paused { nextRefreshAt = now }
            return paused ? [] : refreshIfDue()
        case .fasterRefresh, .slowerRefresh:
            let steps = AppState.refreshSteps
            refreshSeconds =
                command == .fasterRefresh
                ? steps.last { $0 < refreshSeconds } ?? steps[0]
                : steps.first { $0 > refreshSeconds } ?? refreshSeconds
            nextRefreshAt = now.addingTimeInterval(Double(refreshSeconds))
            message = StatusMessage("refresh every \(refreshSeconds)s", .info)
        default:
            break
        }
        return []
    }
}
