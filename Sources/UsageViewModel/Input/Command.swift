/// What a key asks for; the key map binds keys to commands per screen.
public enum Command: Sendable, Hashable {
    case moveUp, moveDown, pageUp, pageDown, moveHome, moveEnd
    case open, back, quit, refresh, help
    case startFilter, nextSortColumn, reverseSort
    case nextMetric, previousMetric, nextPeriod, nextBucket, nextFilter
    case flipOrder, startPropertyFilter, copy
    /// Drawn by the terminal loop (Ctrl-L); listed so help shows it.
    case redraw
    /// A click (the reducer reads where from the key).
    case pointAt
    /// `:` opens the command line.
    case startCommandLine
    case clientTimeseries, openEvents
    case previousPoint, nextPoint, peakPoint
    case nextPage, previousPage
    case togglePause, fasterRefresh, slowerRefresh
}
