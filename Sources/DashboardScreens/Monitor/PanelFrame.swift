import Foundation
import TermUI
import UsageViewModel

/// A monitor panel's border with its title on the left and the age of its data on the right
/// (`live`, `4s ago`, `stale 4m`, `no data`); stale panels are redrawn in the theme's `stale` role.
struct PanelFrame {
    /// How fresh a panel is.
    enum Freshness: Equatable {
        case loading
        /// Younger than one refresh interval: a label that does not change every second (a wall screen left on
        /// for days writes nothing for it).
        case live(failing: Bool)
        case fresh(age: TimeInterval, failing: Bool)
        case stale(age: TimeInterval)
        case failed
        case unavailable
    }

    /// The title on the top border.
    var title: String
    /// How fresh the data inside is.
    var freshness: Freshness
    /// Whether the panel shows the metric on screen (drawn in the focus role).
    var focused = false

    /// The freshness of `panel` under `state`'s clock and refresh interval; a panel that never had data counts as
    /// failed when its own load or the metric list it waits for failed.
    static func freshness<V>(_ panel: Loadable<V>, _ state: MonitorState) -> Freshness {
        guard let age = panel.age(now: state.now) else {
            return panel.error == nil && state.catalog.error == nil ? .loading : .failed
        }
        if panel.isStale(now: state.now, refreshSeconds: state.refreshSeconds) { return .stale(age: age) }
        if age < Double(max(1, state.refreshSeconds)) { return .live(failing: panel.error != nil) }
        return .fresh(age: age, failing: panel.error != nil)
    }

    /// The oldest of several panels' freshness (for a panel drawn from several answers).
    static func oldest(_ all: [Freshness]) -> Freshness {
        func rank(_ f: Freshness) -> (Int, TimeInterval) {
            switch f {
            case .failed: (5, 0)
            case .stale(let age): (4, age)
            case .loading: (3, 0)
            case .fresh(let age, let failing): (failing ? 2 : 1, age)
            case .live(let failing): (failing ? 2 : 1, 0)
            case .unavailable: (0, 0)
            }
        }
        return all.max { rank($0) < rank($1) } ?? .unavailable
    }

    /// The age text on the right of the top border.
    var label: String {
        switch freshness {
        case .loading: "loading…"
        case .live(let failing): "live" + (failing ? " · failing" : "")
        case .fresh(let age, let failing):
            Format.duration(age)
                + " ago" + (failing ? " · failing" : "")
        case .stale(let age): "stale " + Format.duration(age)
        case .failed: "no data"
        case .unavailable: ""
        }
    }

    /// Whether the data is stale.
    var isStale: Bool {
        if case .stale = freshness { return true }
        return false
    }

    /// Draws the frame and returns the area inside it.
    @discardableResult
    func render(in area: Rect, options: RenderOptions, buffer: inout Buffer) -> Rect {
        let theme = options.theme
        let border = isStale ? theme.text(.stale) : theme.text(focused ? .focus : .border)
        let labelWidth = label.isEmpty ? 0 : TextWidth.of(label) + 2
        Block(
            title: TextWidth.truncate(title, to: max(0, area.width - labelWidth - 5)), borderStyle: border,
            titleStyle: isStale ? theme.text(.stale) : theme.text(.title), glyphs: options.glyphs
        )
        .render(in: area, buffer: &buffer)
        if labelWidth > 0, area.width > labelWidth + 6 {
            let role: ThemeRole
            switch freshness {
            case .stale, .failed: role = .stale
            case .fresh(_, true), .live(true): role = .warn
            default: role = .muted
            }
            buffer.write(" \(label) ", x: area.right - 1 - labelWidth, y: area.y, style: theme.text(role))
        }
        return Block.inner(area)
    }

    /// Repaints a stale panel's contents in the `stale` role, so old numbers cannot pass for live ones.
    func fade(_ area: Rect, options: RenderOptions, buffer: inout Buffer) {
        if isStale { buffer.setStyle(Block.inner(area), style: options.theme.text(.stale)) }
    }
}
