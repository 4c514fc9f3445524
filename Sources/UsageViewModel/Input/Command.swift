/// What a key asks for; the key map binds keys to commands per screen.
public enum Command: String, Sendable, Hashable, CaseIterable {
    case moveUp, moveDown, pageUp, pageDown, moveHome, moveEnd
    case open, back, quit, refresh, help
    case startFilter, nextSortColumn, reverseSort
    case nextMetric, previousMetric, nextPeriod, nextBucket, nextFilter
    /// `p` opens the period picker; `[` and `]` move the period by its own length.
    case choosePeriod, earlierPeriod, laterPeriod
    case flipOrder, startPropertyFilter, startSearch, startJump, copy
    /// `Y` copies the view as JSON; `w` writes it to a file.
    case copyJSON, writeView
    /// Draws the whole screen again (Ctrl-L), for a terminal another program wrote over.
    case redraw
    /// A click (the reducer reads where from the key).
    case pointAt
    /// `:` opens the command line.
    case startCommandLine
    case clientTimeseries, openEvents
    case previousPoint, nextPoint, peakPoint
    case openBreakdown, nextProperty
    /// `$`: the customer's bills checked against its events (`:reconcile`).
    case openReconcile
    /// `Tab` and `Shift-Tab` move between the panels of a view.
    case nextPanel
    case nextPage, previousPage
    case togglePause, fasterRefresh, slowerRefresh
    /// The monitor's big digits for the clock and the total.
    case toggleBigNumbers
    /// `c`: the change column compares with the period before, a month before, a year before, then nothing.
    case cycleComparison

    /// The name `config.toml`'s `[keys]` table uses (`next_metric`).
    public var configName: String {
        rawValue.reduce(into: "") { name, c in
            if c.isUppercase { name += "_" + c.lowercased() } else { name.append(c) }
        }
    }
}
