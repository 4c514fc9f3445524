import KeyInput

/// Every screen's key bindings: the reducer dispatches through it and the help overlay is drawn from it.
public enum KeyMap {
    /// Moving through a table.
    static let movement: [KeyBinding] = [
        KeyBinding([.up, .character("k"), .wheelUp], .moveUp, "move up"),
        KeyBinding([.down, .character("j"), .wheelDown], .moveDown, "move down"),
        KeyBinding([.click(x: 0, y: 0)], .pointAt, "select (double: open)"),
        KeyBinding([.pageUp], .pageUp, "page up"),
        KeyBinding([.pageDown], .pageDown, "page down"),
        KeyBinding([.home, .character("g")], .moveHome, "first row"),
        KeyBinding([.end, .character("G")], .moveEnd, "last row"),
    ]

    /// Copying and writing the view.
    static let export: [KeyBinding] = [
        KeyBinding([.character("y")], .copy, "copy the view as CSV"),
        KeyBinding([.character("Y")], .copyJSON, "copy the view as JSON"),
        KeyBinding([.character("w")], .writeView, "write the view to a file"),
    ]

    /// Keys every view has.
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

    /// The bindings of a screen, most important first, with `overrides` (from `config.toml`) replacing the keys of
    /// the commands they name.
    public static func bindings(for screen: ScreenKind, overrides: [Command: [Key]]) -> [KeyBinding] {
        bindings(for: screen).map { $0.replacingKeys(overrides) }
    }

    /// The built-in bindings of a screen, most important first.
    public static func bindings(for screen: ScreenKind) -> [KeyBinding] {
        switch screen {
        case .customers: customers
        case .customerUsage: customerUsage
        case .usageChart: usageChart
        case .timeseries: timeseries
        case .breakdown: breakdown
        case .events: events
        case .reconcile: reconcile
        }
    }

    /// The customers view.
    static let customers: [KeyBinding] =
        [
            KeyBinding([.enter, .right, .character("l")], .open, "open customer", inStatus: true),
            KeyBinding([.character("/")], .startFilter, "filter", inStatus: true),
            KeyBinding([.character("s")], .nextSortColumn, "sort column", inStatus: true),
            KeyBinding([.character("S")], .reverseSort, "reverse sort"),
            KeyBinding([.character("c")], .cycleComparison, "compare periods"),
            KeyBinding([.character("m")], .nextMetric, "next metric", inStatus: true),
            KeyBinding([.character("M")], .previousMetric, "previous metric"),
            KeyBinding([.character("p")], .choosePeriod, "period", inStatus: true),
            KeyBinding([.character("[")], .earlierPeriod, "period before"),
            KeyBinding([.character("]")], .laterPeriod, "period after"),
            KeyBinding([.character("t")], .clientTimeseries, "all-customer chart", inStatus: true),
            KeyBinding([.character("$")], .openReconcile, "check its bills"),
        ] + movement + export + global

    /// A customer's usage, the totals focused.
    static let customerUsage: [KeyBinding] =
        [
            KeyBinding([.enter, .right, .character("l")], .open, "metric chart", inStatus: true),
            KeyBinding([.left, .character("h")], .back, "back"),
            KeyBinding([.character("e")], .openEvents, "events", inStatus: true),
            KeyBinding([.character("B")], .openBreakdown, "breakdown by property", inStatus: true),
            KeyBinding([.character("$")], .openReconcile, "check the bills"),
            KeyBinding([.tab, .backTab], .nextPanel, "to the chart panel", inStatus: true),
            KeyBinding([.character("p")], .choosePeriod, "period", inStatus: true),
            KeyBinding([.character("[")], .earlierPeriod, "period before"),
            KeyBinding([.character("]")], .laterPeriod, "period after"),
            KeyBinding([.character("b")], .nextBucket, "bucket", inStatus: true),
            KeyBinding([.character("c")], .cycleComparison, "compare periods"),
        ] + movement + export + global

    /// A customer's usage, the chart panel focused.
    static let usageChart: [KeyBinding] =
        [
            KeyBinding([.left, .character("h")], .previousPoint, "move", inStatus: true),
            KeyBinding([.right, .character("l")], .nextPoint, "next bucket"),
            KeyBinding([.character("^")], .peakPoint, "peak", inStatus: true),
            KeyBinding([.character("e"), .enter], .openEvents, "events of the bucket", inStatus: true),
            KeyBinding([.character("B")], .openBreakdown, "breakdown of the bucket by property"),
            KeyBinding([.tab, .backTab], .nextPanel, "to the totals", inStatus: true),
            KeyBinding([.up, .character("k"), .wheelUp], .moveUp, "previous metric"),
            KeyBinding([.down, .character("j"), .wheelDown], .moveDown, "next metric"),
            KeyBinding([.click(x: 0, y: 0)], .pointAt, "select (double: open)"),
            KeyBinding([.character("p")], .choosePeriod, "period"),
            KeyBinding([.character("[")], .earlierPeriod, "period before"),
            KeyBinding([.character("]")], .laterPeriod, "period after"),
            KeyBinding([.character("b")], .nextBucket, "bucket"),
            KeyBinding([.character("c")], .cycleComparison, "compare periods"),
        ] + export + global

    /// The chart view.
    static let timeseries: [KeyBinding] =
        [
            KeyBinding([.left, .character("h")], .previousPoint, "move", inStatus: true),
            KeyBinding([.right, .character("l")], .nextPoint, "next bucket"),
            KeyBinding([.character("^")], .peakPoint, "peak", inStatus: true),
            KeyBinding([.character("e"), .enter], .openEvents, "events", inStatus: true),
            KeyBinding([.character("B")], .openBreakdown, "breakdown of the bucket by property"),
            KeyBinding([.character("p")], .choosePeriod, "period", inStatus: true),
            KeyBinding([.character("[")], .earlierPeriod, "period before"),
            KeyBinding([.character("]")], .laterPeriod, "period after"),
            KeyBinding([.character("b")], .nextBucket, "bucket", inStatus: true),
            KeyBinding([.character("m")], .nextMetric, "next metric", inStatus: true),
            KeyBinding([.character("M")], .previousMetric, "previous metric"),
            KeyBinding([.character("F")], .nextFilter, "metric filter"),
            KeyBinding([.character("c")], .cycleComparison, "compare periods"),
        ] + export + global

    /// The breakdown view.
    static let breakdown: [KeyBinding] =
        [
            KeyBinding(
                [.enter, .character("e"), .right, .character("l")], .open, "events with this value", inStatus: true),
            KeyBinding([.left, .character("h")], .back, "back"),
            KeyBinding([.tab], .nextProperty, "next property", inStatus: true),
            KeyBinding([.character("p")], .choosePeriod, "period"),
            KeyBinding([.character("[")], .earlierPeriod, "period (or bucket) before"),
            KeyBinding([.character("]")], .laterPeriod, "period (or bucket) after"),
        ] + movement + export + global

    /// The reconcile view.
    static let reconcile: [KeyBinding] =
        [
            KeyBinding(
                [.enter, .character("e"), .right, .character("l")], .open, "the events behind it", inStatus: true),
            KeyBinding([.left, .character("h")], .back, "back"),
            KeyBinding([.character("p")], .choosePeriod, "period"),
            KeyBinding([.character("[")], .earlierPeriod, "period before", inStatus: true),
            KeyBinding([.character("]")], .laterPeriod, "period after"),
        ] + movement + export + global

    /// The events view.
    static let events: [KeyBinding] =
        [
            KeyBinding([.enter, .right, .character("l")], .open, "event details", inStatus: true),
            KeyBinding([.left, .character("h")], .back, "back"),
            KeyBinding([.character("f")], .startPropertyFilter, "filter key=value", inStatus: true),
            KeyBinding([.character("/")], .startSearch, "search id and properties"),
            KeyBinding([.character("y")], .copy, "copy the event as JSON", inStatus: true),
            KeyBinding([.character("o")], .flipOrder, "order", inStatus: true),
            KeyBinding([.character("@")], .startJump, "jump to a date or time"),
            KeyBinding([.character("p")], .choosePeriod, "period"),
            KeyBinding([.character("[")], .earlierPeriod, "period (or bucket) before"),
            KeyBinding([.character("]")], .laterPeriod, "period (or bucket) after"),
            KeyBinding([.character("n"), .pageDown], .nextPage, "next page", inStatus: true),
            KeyBinding([.character("N"), .pageUp], .previousPage, "previous page"),
            KeyBinding([.up, .character("k"), .wheelUp], .moveUp, "move up"),
            KeyBinding([.down, .character("j"), .wheelDown], .moveDown, "move down"),
            KeyBinding([.click(x: 0, y: 0)], .pointAt, "select (double: open)"),
            KeyBinding([.home, .character("g")], .moveHome, "first page"),
            KeyBinding([.end, .character("G")], .moveEnd, "last page"),
            KeyBinding([.character("F")], .nextFilter, "metric filter"),
            KeyBinding([.character("Y")], .copyJSON, "copy the page as JSON"),
            KeyBinding([.character("w")], .writeView, "write the page to a file"),
        ] + global

    /// The monitor's bindings: no navigation, only what a wall screen needs.
    public static let monitor: [KeyBinding] = [
        KeyBinding([.character("m"), .right], .nextMetric, "next metric", inStatus: true),
        KeyBinding([.character("M"), .left], .previousMetric, "previous metric"),
        KeyBinding([.character("p")], .nextPeriod, "period", inStatus: true),
        KeyBinding([.character("[")], .earlierPeriod, "period before"),
        KeyBinding([.character("]")], .laterPeriod, "period after"),
        KeyBinding([.character("r")], .refresh, "refresh now", inStatus: true),
        KeyBinding([.character(" ")], .togglePause, "pause/resume", inStatus: true),
        KeyBinding([.character("+")], .fasterRefresh, "refresh more often", inStatus: true),
        KeyBinding([.character("-")], .slowerRefresh, "refresh less often"),
        KeyBinding([.character("B")], .toggleBigNumbers, "big digits for the clock and the total"),
        KeyBinding([.character("?"), .function(1)], .help, "help", inStatus: true),
        KeyBinding([.character("\u{0C}")], .redraw, "redraw the whole screen"),
        KeyBinding([.character("q"), .function(10)], .quit, "quit", inStatus: true),
    ]

    /// The monitor's bindings with `overrides` applied.
    public static func monitor(overrides: [Command: [Key]]) -> [KeyBinding] {
        monitor.map { $0.replacingKeys(overrides) }
    }

    /// The command a key triggers in the monitor, if any.
    public static func command(forMonitor key: Key, overrides: [Command: [Key]] = [:]) -> Command? {
        first(key, in: monitor(overrides: overrides), overrides: overrides)
    }

    /// The command a key triggers on a screen, if any.
    public static func command(for key: Key, on screen: ScreenKind, overrides: [Command: [Key]] = [:]) -> Command? {
        first(key, in: bindings(for: screen, overrides: overrides), overrides: overrides)
    }

    /// The command of `key`: a configured binding wins over a built-in one that uses the same key.
    private static func first(_ key: Key, in bindings: [KeyBinding], overrides: [Command: [Key]]) -> Command? {
        let matching = bindings.filter { $0.keys.contains(key) }
        return (matching.first { overrides[$0.command] != nil } ?? matching.first)?.command
    }

    /// `config.toml`'s `[keys]` (command name → key names) as overrides, and a line for each name or key it does not
    /// know.
    public static func overrides(from table: [String: [String]]) -> (overrides: [Command: [Key]], problems: [String]) {
        var overrides: [Command: [Key]] = [:], problems: [String] = []
        let commands = Dictionary(uniqueKeysWithValues: Command.allCases.map { ($0.configName, $0) })
        for (name, keys) in table.sorted(by: { $0.key < $1.key }) {
            guard let command = commands[name] else {
                problems.append("keys.\(name): no such command (e.g. refresh, quit, next_metric)")
                continue
            }
            let parsed = keys.compactMap(Key.parse)
            if parsed.count != keys.count {
                problems.append("keys.\(name): a key name is not understood (e.g. r, F2, Ctrl-L, PgDn)")
            }
            if !parsed.isEmpty { overrides[command] = parsed }
        }
        return (overrides, problems)
    }
}
