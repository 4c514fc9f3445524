import Foundation
import UsageCore

/// Sizes shared by the reducer (paging, scrolling) and the screens (drawing), so they always agree.
public enum Layout {
    /// The smallest terminal the dashboard draws in.
    public static let minimumWidth = 60
    /// The smallest terminal the dashboard draws in.
    public static let minimumHeight = 15
    /// Rows of chrome around a table: header, breadcrumbs, status, two borders, the table header.
    public static let tableChrome = 6

    /// Data rows a full-screen table shows at terminal `height`.
    public static func tableRows(height: Int) -> Int { max(1, height - tableChrome) }

    /// Whether the terminal is big enough to draw.
    public static func fits(width: Int, height: Int) -> Bool { width >= minimumWidth && height >= minimumHeight }

    /// Days of history in the monitor's top-customers sparkline.
    public static let monitorSparklineDays = 28

    /// Days of history in the customers sparkline.
    public static let sparklineDays = 30

    /// The value-axis labels of a full-screen chart of `series` in `unit`: its top, half of it and zero, durations
    /// and sizes as people read them (`2d 20h`, `855 GB`).
    static func chartAxisLabels(_ series: TimeSeries, unit: String?) -> [String] {
        let middle = series.maximum / 2
        // Counts tick at whole units: half of an odd peak (1.5 calls) is left unlabelled.
        let whole = { (value: Decimal) in value == value.rounded(0, .down) }
        let counted = series.points.allSatisfy { whole($0.value) }
        let label = { (value: Decimal) in HumanUnits.axisLabel(value, unit: unit, largest: series.maximum) }
        return [label(series.maximum), counted && !whole(middle) ? "" : label(middle), "0"]
    }

    /// The value axis of a chart of `series` in `unit`: its labels and the columns it takes before the bars (the
    /// widest label, a space, the axis line, as `Chart` draws it), worked out once for a frame or a click.
    public static func chartAxis(_ series: TimeSeries, unit: String?) -> (labels: [String], width: Int) {
        let labels = chartAxisLabels(series, unit: unit)
        return (labels, (labels.map(\.count).max() ?? 0) + 2)
    }

    /// Columns a bucket's bar takes at most, its gap included: a chart of few buckets draws bars, not walls.
    public static let widestBar = 8
    /// Rows of bars a chart whose bars are at their widest takes at most (four dots a row in braille: 64 levels).
    public static let fewBucketRows = 16

    /// Columns of the bars of `buckets` buckets in a chart `width` columns wide whose axis takes `axisWidth`: the
    /// room there is, or `widestBar` a bucket when there are few.
    public static func chartPlotWidth(in width: Int, axisWidth: Int, buckets: Int) -> Int {
        min(width - axisWidth, max(1, buckets) * widestBar)
    }

    /// The columns of a full-screen chart's bars at terminal `width` (inside the border, one space of padding and
    /// the value axis), so that a click lands on the bucket drawn under it.
    public static func chartPlot(width: Int, series: TimeSeries, unit: String?) -> (x: Int, width: Int) {
        let innerX = 2, innerWidth = width - 4
        let axis = chartAxis(series, unit: unit).width
        return (innerX + axis, chartPlotWidth(in: innerWidth, axisWidth: axis, buckets: series.points.count))
    }

    /// The bucket drawn at column `x` of a full-screen chart of `series`, if any.
    public static func chartBucket(atColumn x: Int, width: Int, series: TimeSeries, unit: String?) -> Int? {
        let plot = chartPlot(width: width, series: series, unit: unit)
        guard !series.points.isEmpty, plot.width > 0, x >= plot.x, x < plot.x + plot.width else { return nil }
        // A cell belongs to the bucket under its centre (the chart's cursor marker uses the same rule).
        return min(series.points.count - 1, ((x - plot.x) * 2 + 1) * series.points.count / (2 * plot.width))
    }

    /// The fewest rows the customer usage view's chart panel is drawn in (a title, a readout, four rows of bars, the
    /// axis and the ticks).
    public static let usageChartMinimum = 8

    /// Rows of the chart panel under a customer's totals at terminal `height`, with `rows` totals and `bills` bill
    /// lines above it; nil when it does not fit.
    public static func usageChartRows(height: Int, rows: Int, bills: Int) -> Int? {
        let inner = height - 5
        let left = inner - (1 + rows + bills) - 1
        return left >= usageChartMinimum ? left : nil
    }

    /// Columns a customers table needs before other metrics join it side by side.
    public static let sideMetricsFrom = 120
    /// Columns the chosen metric's own columns take (name, id, total, sparkline, last event, borders).
    static let ownColumns = 80
    /// The most customers a table shows other metrics beside (past it they cost more memory than they are worth).
    public static let sideMetricsMaxRows = 20_000
    /// The width of one side-by-side metric column, its gap included.
    public static let sideMetricWidth = 19

    /// How many other metrics a customers table `width` columns wide shows beside the chosen one.
    public static func sideMetricCount(width: Int, metrics: Int) -> Int {
        guard width >= sideMetricsFrom, metrics > 1 else { return 0 }
        return min(metrics - 1, (width - ownColumns) / sideMetricWidth)
    }
}
