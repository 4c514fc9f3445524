import TermUI
import UsageViewModel

/// Turns the view-model state into a frame. Pure: the same state and options always give the same buffer.
public enum DashboardRenderer {
    /// Draws the whole screen for `state` at its size.
    public static func render(_ state: AppState, options: RenderOptions) -> Buffer {
        let theme = options.theme
        var buffer = Buffer(width: state.width, height: state.height, style: theme.base)
        guard Layout.fits(width: state.width, height: state.height) else {
            tooSmall(width: state.width, height: state.height, theme: theme, buffer: &buffer)
            if options.glyphs == .ascii { buffer.foldToASCII() }
            return buffer
        }
        let (header, rest) = buffer.area.splitTop(1)
        let (crumbs, middle) = rest.splitTop(1)
        let (body, status) = middle.splitBottom(1)
        Chrome.header(state, options, row: header, buffer: &buffer)
        Chrome.crumbs(state, options, row: crumbs, buffer: &buffer)
        switch state.stack.last {
        case nil: CustomersView.render(state, options, area: body, buffer: &buffer)
        case .customerUsage(let usage)?: CustomerUsageView.render(usage, state, options, area: body, buffer: &buffer)
        case .timeseries(let chart)?: TimeseriesView.render(chart, state, options, area: body, buffer: &buffer)
        case .events(let events)?: EventsView.render(events, state, options, area: body, buffer: &buffer)
        case .breakdown(let breakdown)?: BreakdownView.render(breakdown, state, options, area: body, buffer: &buffer)
        case .reconcile(let check)?: ReconcileView.render(check, state, options, area: body, buffer: &buffer)
        }
        Chrome.status(state, options, row: status, buffer: &buffer)
        if let overlay = state.overlay { Overlays.render(overlay, state, options, area: body, buffer: &buffer) }
        if options.glyphs == .ascii { buffer.foldToASCII() }
        return buffer
    }

    /// The screen drawn below the minimum size: what is needed, what there is, how to leave.
    static func tooSmall(width: Int, height: Int, theme: Theme, buffer: inout Buffer) {
        let lines = [
            "terminal too small:",
            "need \(Layout.minimumWidth)×\(Layout.minimumHeight)",
            "have \(width)×\(height)",
            "q quits",
        ]
        let top = max(0, (height - lines.count) / 2)
        for (offset, line) in lines.enumerated() where top + offset < height {
            let text = TextWidth.truncate(line, to: width)
            let x = max(0, (width - TextWidth.of(text)) / 2)
            buffer.write(text, x: x, y: top + offset, style: offset == 0 ? theme.text(.warn) : theme.base)
        }
    }
}
