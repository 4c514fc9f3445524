import TermUI

/// The top row of the dashboard and the monitor: the app's name, badges, the source, and on the right the
/// longest of several status texts that still leaves the source `sourceRoom` columns.
struct HeaderBar {
    /// `usagetop` or `usagetop monitor`.
    var title: String
    /// Badges in priority order (PAUSED before DEMO DATA): when room runs out, the last ones go first.
    var badges: [(text: String, style: Style)]
    /// Where the data comes from.
    var source: String
    /// Right-hand texts, longest first; the first that fits is drawn.
    var right: [String]

    /// Columns the source keeps before the right side spends them on detail.
    var sourceRoom = 14

    func render(in row: Rect, theme: Theme, buffer: inout Buffer) {
        let bar = theme.fill(.headerBar)
        buffer.fill(row, style: bar)
        let leftWidth = 1 + TextWidth.of(title) + badges.reduce(0) { $0 + 1 + TextWidth.of($1.text) }
        let room = row.width - leftWidth - 1 - sourceRoom
        let chosen = right.first { TextWidth.of($0) <= room } ?? right.last ?? ""
        let rightWidth = TextWidth.of(chosen)
        var x = row.x + 1
        x += buffer.write(title, x: x, y: row.y, style: bar.adding(.bold), limit: max(0, row.right - rightWidth - x))
        for badge in badges where x + TextWidth.of(badge.text) + 1 <= row.right - rightWidth {
            x += 1
            x += buffer.write(badge.text, x: x, y: row.y, style: badge.style)
        }
        let sourceRoom = row.right - rightWidth - x - 3
        if sourceRoom >= 8 {
            buffer.write(" │ " + TextWidth.truncate(source, to: sourceRoom), x: x, y: row.y, style: bar)
        }
        if rightWidth < row.width - 10 { buffer.write(chosen, x: row.right - rightWidth, y: row.y, style: bar) }
    }

    /// PAUSED and DEMO DATA, in that order, as they apply.
    static func badges(paused: Bool, demo: Bool, theme: Theme) -> [(text: String, style: Style)] {
        var badges: [(text: String, style: Style)] = []
        if paused { badges.append((" PAUSED ", theme.fill(.warn).adding(.bold))) }
        if demo { badges.append((" DEMO DATA ", theme.fill(.headerDemo).adding(.bold))) }
        return badges
    }
}
