import UsageCore

/// The help overlay's lines for the current view: its keys (in two columns when one does not fit), the `:` commands
/// and the periods `p`, `:period` and `--period` take, wrapped to the screen; the reducer scrolls them and the
/// screens draw them, so both count the same lines.
public enum HelpText {
    /// The lines of help for `state`'s view at its size.
    public static func lines(for state: AppState) -> [String] {
        let bindings = KeyMap.bindings(for: state.screenKind, overrides: state.keyOverrides)
        let keyWidth = bindings.map { $0.keyLabel.count }.max() ?? 0
        var lines = bindings.map { padded($0.keyLabel, to: keyWidth) + "   " + $0.summary }
        let width = max(40, state.width - 6)
        let commands = LineCommand.helpLines(width: width)
        let periods = wrapped(
            ["periods (p, :period, --period):"] + PeriodPreset.allCases.map(\.rawValue)
                + ["-36h", "-7d", "2026-11", "2026-11-01..2026-11-08"], width: width)
        if lines.count > visibleRows(height: state.height) - commands.count - periods.count - 2 {
            // Too tall for the screen: two columns, the second half beside the first.
            let half = (lines.count + 1) / 2
            let column = lines.prefix(half).map { $0.count }.max() ?? 0
            lines = (0..<half).map { i in
                padded(lines[i], to: column) + (i + half < lines.count ? "   " + lines[i + half] : "")
            }
        }
        return lines + [""] + commands + [""] + periods
    }

    /// The help lines a screen `height` rows tall shows at once (the rest scroll with `↑`/`↓`).
    public static func visibleRows(height: Int) -> Int { max(1, height - 7) }

    /// `text` with spaces after it to `width` characters (the keys and words here are one column each).
    static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// `words` joined by `separator` into lines of at most `width` columns.
    static func wrapped(_ words: [String], width: Int, separator: String = " ") -> [String] {
        var lines: [String] = []
        for word in words {
            if let last = lines.last, last.count + separator.count + word.count <= width {
                lines[lines.count - 1] = last + separator + word
            } else {
                lines.append(word)
            }
        }
        return lines
    }
}
