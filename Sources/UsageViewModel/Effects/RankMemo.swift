import Synchronization
import UsageCore

/// The last leaderboard ranked and what it was ranked from: an idle refresh of an unchanged store gets the same
/// answers back (the same arrays, compared by identity first), and ranks nothing again.
final class RankMemo: Sendable {
    private struct Entry {
        var current: [CustomerSummary]
        var previous: [CustomerSummary]?
        var metric: Metric
        var period: Period
        var board: Leaderboard
    }

    private let last = Mutex<Entry?>(nil)

    /// The ranking of `current` against `previous`, reused when the inputs are the last ones.
    func rank(current: [CustomerSummary], previous: [CustomerSummary]?, metric: Metric, period: Period) -> Leaderboard {
        if let entry = last.withLock({ $0 }), entry.metric == metric, entry.period == period, entry.current == current,
            entry.previous == previous
        {
            return entry.board
        }
        let board = Leaderboard.rank(current: current, previous: previous, metric: metric, period: period)
        last.withLock { $0 = Entry(current: current, previous: previous, metric: metric, period: period, board: board) }
        return board
    }
}
