import Foundation
import TermUI
import UsageCore
import UsageViewModel

/// A page of raw events with "page X of Y · N events".
enum EventsView {
    static func render(
        _ events: EventsState, _ state: AppState, _ options: RenderOptions, area: Rect,
        buffer: inout Buffer
    ) {
        let theme = options.theme
        let title = title(events)
        var footer = ""
        if let page = events.page {
            let count = Format.count(page.totalCount, "events")
            footer =
                "page \(Format.count(page.index + 1)) of \(Format.count(page.pageCount)) · \(count) · \(page.orderText)"
        }
        Block(
            title: title, footer: footer, borderStyle: theme.text(.border), titleStyle: theme.text(.title),
            glyphs: options.glyphs
        ).render(in: area, buffer: &buffer)
        let inner = Block.inner(area)
        guard let page = events.page, events.error == nil else {
            let text = events.error ?? "loading events…"
            Chrome.note(text, style: theme.text(events.error == nil ? .muted : .warn), in: inner, buffer: &buffer)
            return
        }
        if page.items.isEmpty {
            Chrome.note(events.emptyNote, style: theme.text(.muted), in: inner, buffer: &buffer)
            return
        }
        let items = page.items
        let first = page.index * page.size
        let columns = [
            Table.Column("#", width: max(3, String(first + items.count).count), alignRight: true),
            Table.Column("Timestamp (UTC)", width: 24),
            Table.Column("Transaction ID", width: Self.idWidth(items, terminalWidth: state.width)),
            Table.Column("Properties", width: 0),
        ]
        Table(
            columns: columns, rowCount: items.count, offset: events.cursor.offset, selected: events.cursor.selected,
            style: theme.base,
            headerStyle: theme.text(.tableHeader), selectedStyle: theme.fill(.selection),
            cell: { row, column in
                let event = items[row]
                switch column {
                case 0: return String(first + row + 1)
                case 1: return UTCTime.iso(event.timestamp)
                case 2: return event.transactionID
                default: return JSONWriter.compact(event.properties)
                }
            },
            cellStyle: { _, column in column == 0 || column == 2 ? theme.text(.muted) : nil }
        ).render(in: inner, buffer: &buffer)
    }

    /// The id column as wide as the page's longest id: whole from 120 columns (at most 64), else at most 16, so the
    /// properties keep the room; never under the header's 14.
    static func idWidth(_ items: [UsageEvent], terminalWidth: Int) -> Int {
        let longest = items.map { TextWidth.of($0.transactionID) }.max() ?? 0
        return max(14, min(longest, terminalWidth >= 120 ? 64 : 16))
    }

    /// `API calls events · Acme · 2026-11-25 14:00 → 15:00 · where status=500` (or the filter being typed).
    private static func title(_ events: EventsState) -> String {
        var title = "\(events.metric.displayName) events · \(events.customerName)"
        if let period = events.period { title += " · " + PeriodText.span(period) }
        if let draft = events.filterDraft {
            title += " · filter: \(Format.typing(draft))▏"
        } else if !events.query.matches.isEmpty {
            title += " · where " + events.query.matches.map(\.text).joined(separator: " ")
        }
        if let draft = events.searchDraft {
            title += " · search: \(Format.typing(draft))▏"
        } else if let text = events.query.text {
            title += " · holding \"\(text)\""
        }
        if let draft = events.jumpDraft { title += " · jump to: \(Format.typing(draft))▏" }
        return title
    }
}
