/// Every screen's key bindings: the reducer dispatches through it and the help overlay is drawn from it.
public enum KeyMap {
    static let movement: [KeyBinding] = [
        KeyBinding([.up, .character("k"), .wheelUp], .moveUp, "move up"),
        KeyBinding([.down, .character("j"), .wheelDown], .moveDown, "move down"),
        KeyBinding([.click(x: 0, y: 0)], .pointAt, "select (double: open)"),
        KeyBinding([.pageUp], .pageUp, "page up"),
        KeyBinding([.pageDown], .pageDown, "page down"),
        KeyBinding([.home, .character("g")], .moveHome, "first row"),
        KeyBinding([.end, .character("G")], .moveEnd, "last row"),
    ]

    static let global: [KeyBinding] = [
        KeyBinding([.character("r")], .refresh, "refresh", inStatus: true),
        KeyBinding([.character(" ")], .togglePause, "pause/resume auto-refresh"),
        KeyBinding([.character("+")], .fasterRefresh, "refresh more often"),
        KeyBinding([.character("-")], .slowerRefresh, "refresh less often"),
        KeyBinding([.character("?"), .function(1)], .help, "help", inStatus: true),
        KeyBinding([.character(":")], .startCommandLine, "command line"),
        KeyBinding([.escape], .back, "back"),
        KeyBinding([.character("\u{0C}")], .redraw, "redraw the whole screen"),
        KeyBinding([.character("q"), .function(10)], .quit, "quit", inStatus: true),
    ]

    /// The bindings of a screen, most important first.
    public static func bindings(for screen: ScreenKind) -> [KeyBinding] {
        switch screen {
        case .customers:
            return [
                KeyBinding([.enter], .open, "open customer", inStatus: true),
                KeyBinding([.character("/")], .startFilter, "filter", inStatus: true),
                KeyBinding([.character("s")], .nextSortColumn, "sort column", inStatus: true),
                KeyBinding([.character("S")], .reverseSort, "reverse sort"),
                KeyBinding([.character("m")], .nextMetric, "next metric", inStatus: true),
                KeyBinding([.character("M")], .previousMetric, "previous metric"),
                KeyBinding([.character("p")], .nextPeriod, "period", inStatus: true),
                KeyBinding([.character("t")], .clientTimeseries, "all-customer chart", inStatus: true),
            ] + movement + global
        case .customerUsage:
            return [
                KeyBinding([.enter], .open, "metric chart", inStatus: true),
                KeyBinding([.character("e")], .openEvents, "events", inStatus: true),
                KeyBinding([.character("p")], .nextPeriod, "period", inStatus: true),
                KeyBinding([.character("b")], .nextBucket, "bucket", inStatus: true),
            ] + movement + global
        case .timeseries:
            return [
                KeyBinding([.left, .character("h")], .previousPoint, "move", inStatus: true),
                KeyBinding([.right, .character("l")], .nextPoint, "next bucket"),
                KeyBinding([.character("^")], .peakPoint, "peak", inStatus: true),
                KeyBinding([.character("e"), .enter], .openEvents, "events", inStatus: true),
                KeyBinding([.character("y")], .copy, "copy the data (CSV, to the clipboard)"),
                KeyBinding([.character("p")], .nextPeriod, "period", inStatus: true),
                KeyBinding([.character("b")], .nextBucket, "bucket", inStatus: true),
                KeyBinding([.character("m")], .nextMetric, "next metric", inStatus: true),
                KeyBinding([.character("M")], .previousMetric, "previous metric"),
                KeyBinding([.character("F")], .nextFilter, "metric filter"),
            ] + global
        case .events:
            return [
                KeyBinding([.enter], .open, "event details", inStatus: true),
                KeyBinding([.character("f")], .startPropertyFilter, "filter key=value", inStatus: true),
                KeyBinding([.character("y")], .copy, "copy the event (JSON, to the clipboard)", inStatus: true),
                KeyBinding([.character("o")], .flipOrder, "order", inStatus: true),
                KeyBinding([.character("n"), .pageDown], .nextPage, "next page", inStatus: true),
                KeyBinding([.character("N"), .pageUp], .previousPage, "previous page"),
                KeyBinding([.up, .character("k"), .wheelUp], .moveUp, "move up"),
                KeyBinding([.down, .character("j"), .wheelDown], .moveDown, "move down"),
                KeyBinding([.click(x: 0, y: 0)], .pointAt, "select (double: open)"),
                KeyBinding([.home, .character("g")], .moveHome, "first page"),
                KeyBinding([.end, .character("G")], .moveEnd, "last page"),
                KeyBinding([.character("F")], .nextFilter, "metric filter"),
            ] + global
        }
    }

    /// The monitor's bindings: no navigation, only what a wall screen needs.
    public static let monitor: [KeyBinding] = [
        KeyBinding([.character("m"), .right], .nextMetric, "next metric", inStatus: true),
        KeyBinding([.character("M"), .left], .previousMetric, "previous metric"),
        KeyBinding([.character("p")], .nextPeriod, "period", inStatus: true),
        KeyBinding([.character("r")], .refresh, "refresh now", inStatus: true),
        KeyBinding([.character(" ")], .togglePause, "pause/resume", inStatus: true),
        KeyBinding([.character("+")], .fasterRefresh, "refresh more often", inStatus: true),
        KeyBinding([.character("-")], .slowerRefresh, "refresh less often"),
        KeyBinding([.character("?"), .function(1)], .help, "help", inStatus: true),
        KeyBinding([.character("\u{0C}")], .redraw, "redraw the whole screen"),
        KeyBinding([.character("q"), .function(10)], .quit, "quit", inStatus: true),
    ]

    /// The command a key triggers in the monitor, if any.
    public static func command(forMonitor key: Key) -> Command? {
        monitor.first { $0.keys.contains(key) }?.command
    }

    /// The command a key triggers on a screen, if any.
    public static func command(for key: Key, on screen: ScreenKind) -> Command? {
        bindings(for: screen).first { $0.keys.contains(key) }?.command
    }
}
