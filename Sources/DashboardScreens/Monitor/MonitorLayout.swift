import TermUI

/// Where the monitor's panels go at a given size: the top-customers board always; beside it on a wide screen the
/// period totals and alerts, below it on a narrow one the alerts; a grid of all-customer charts under both when
/// there is room (one chart of the metric on screen when narrow, up to one per metric when wide and tall).
struct MonitorLayout: Equatable {
    /// The top-customers panel.
    var board: Rect
    /// The period-totals panel (wide screens only).
    var totals: Rect?
    /// The alerts panel.
    var alerts: Rect
    /// Chart panels, in the order `chartMetrics` fills them.
    var charts: [Rect]
    /// The big-digit clock and total across the top, when asked for and the screen has room.
    var big: Rect?

    /// Columns from which the board gets company at its side.
    static let wideWidth = 100
    /// The widest the board is drawn beside the totals and alerts: a 36-column name with the rank, total, change
    /// and sparkline; wider, the customer column only fills with blanks, which the alerts' lines need more.
    static let boardWidest = 84
    /// The height of one chart panel.
    static let chartHeight = 8
    /// The narrowest chart panel in a grid.
    static let chartMinWidth = 48

    /// Rows of the big-digit strip at `scale`: the digits, a label line and the frame.
    static func bigHeight(scale: Int) -> Int { BigText.height * scale + 3 }

    /// The big digits' scale for a body: twice the size (ten rows) on a wall screen of 50 rows and 150 columns.
    static func bigScale(body: Rect) -> Int { body.height >= 50 && body.width >= 150 ? 2 : 1 }

    /// Lays out `body` for `metricCount` metrics, with the big-digit strip on top when `big` and it leaves the
    /// board room (from 18 rows and 60 columns).
    static func make(body: Rect, metricCount: Int, big: Bool = false) -> MonitorLayout {
        var strip: Rect?
        var body = body
        if big, body.height >= 18, body.width >= 60 {
            let split = body.splitTop(bigHeight(scale: bigScale(body: body)))
            (strip, body) = (split.top, split.rest)
        }
        var layout = make(body, metricCount: metricCount)
        layout.big = strip
        return layout
    }

    private static func make(_ body: Rect, metricCount: Int) -> MonitorLayout {
        let wide = body.width >= wideWidth
        var rest = body
        var charts: [Rect] = []
        if metricCount > 0 {
            let most = wide ? max(1, min(metricCount, body.width / chartMinWidth)) : 1
            let maxRows = wide ? (body.height / 2) / chartHeight : (body.height >= 20 ? 1 : 0)
            let rows = min(maxRows, wide ? (metricCount + most - 1) / most : 1)
            if rows > 0 {
                // As few columns as the rows need (six charts as 3 × 2, not 4 + 2), each as tall as half the
                // screen allows (up to twice the least), so a wall screen is filled with charts, not blanks.
                let columns = wide ? (min(metricCount, rows * most) + rows - 1) / rows : 1
                let height = wide ? max(chartHeight, min(2 * chartHeight, (body.height / 2) / rows)) : chartHeight
                let split = rest.splitBottom(rows * height)
                rest = split.rest
                charts = grid(
                    split.bottom, rows: rows, columns: columns, height: height,
                    count: min(metricCount, rows * columns))
            }
        }
        if wide {
            let (left, right) = rest.splitLeft(min(rest.width * 3 / 5, boardWidest))
            let (totals, alerts) = right.splitTop(min(metricCount + 3, right.height / 2))
            return MonitorLayout(board: left, totals: totals, alerts: alerts, charts: charts)
        }
        let (board, alerts) = rest.splitBottom(rest.height >= 16 ? 5 : 3)
        return MonitorLayout(board: board, totals: nil, alerts: alerts, charts: charts)
    }

    private static func grid(_ area: Rect, rows: Int, columns: Int, height: Int, count: Int) -> [Rect] {
        var rects: [Rect] = []
        for index in 0..<count {
            let row = index / columns, column = index % columns
            let x = area.x + column * area.width / columns
            let nextX = area.x + (column + 1) * area.width / columns
            rects.append(Rect(x: x, y: area.y + row * height, width: nextX - x, height: height))
        }
        return rects
    }

    /// Which metric each chart shows: metrics in order, with the one on screen always among them.
    static func chartMetrics(count: Int, metricCount: Int, current: Int) -> [Int] {
        guard count > 0 else { return [] }
        if count == 1 { return [current] }
        var chosen = Array(0..<min(count, metricCount))
        if !chosen.contains(current), !chosen.isEmpty { chosen[chosen.count - 1] = current }
        return chosen
    }
}
