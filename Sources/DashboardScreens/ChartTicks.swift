import Foundation
import TermUI
import UsageCore

/// Tick labels under a chart: one every constant number of buckets, on round boundaries (every 6 hours, each
/// midnight, every week's first day…), spaced so that none overlaps; a day change is labelled with its date, and when no
/// tick falls on a day change the first tick carries the date too.
enum ChartTicks {
    /// Steps tried, in buckets, smallest first.
    private static let steps: [Bucket: [Int]] = [
        .hour: [1, 2, 3, 4, 6, 12, 24, 48, 72, 168, 336, 720], .day: [1, 2, 7, 14, 28, 56, 91, 182, 364],
        .month: [1, 2, 3, 6, 12, 24, 60, 120],
    ]

    /// The ticks of `series` drawn over `plotWidth` columns.
    static func ticks(_ series: TimeSeries, plotWidth: Int) -> [(index: Int, label: String)] {
        let points = series.points
        guard !points.isEmpty, plotWidth > 0 else { return [] }
        let perBucket = Double(plotWidth) / Double(points.count)
        let candidates = series.isPerBillingPeriod ? Array(1...max(1, points.count)) : steps[series.bucket] ?? [1]
        // Each bucket's calendar fields once, not once per step tried.
        let fields = points.map { UTCTime.fields($0.start) }
        let days = points.map { Int(floor($0.start.timeIntervalSince1970 / 86_400)) }
        for step in candidates {
            let chosen = points.indices.filter {
                onBoundary(fields[$0], day: days[$0], index: $0, step: step, series: series)
            }
            let labels = labelled(chosen, series)
            let widest = labels.map { TextWidth.of($0.label) }.max() ?? 0
            if Double(step) * perBucket >= Double(widest + 1) || step == candidates.last { return labels }
        }
        return []
    }

    /// Whether bucket `index` (its start's fields `f`, on day `day` since 1970) gets a tick at `step` buckets apart.
    private static func onBoundary(_ f: UTCTime.Fields, day: Int, index: Int, step: Int, series: TimeSeries) -> Bool {
        if series.isPerBillingPeriod { return index % step == 0 }
        switch series.bucket {
        case .hour:
            return step < 24 ? f.hour % step == 0 : f.hour == 0 && day % (step / 24) == 0
        case .day:
            if step == 1 { return true }
            // Weekly steps start on the day weeks start (Monday unless config.toml says otherwise).
            return step % 7 == 0 ? WeekStart.current.startsWeek(day: day, every: step / 7) : day % step == 0
        case .month:
            return (f.year * 12 + f.month - 1) % step == 0
        }
    }

    /// Labels for the chosen buckets: hours as `14h` and day changes as `11-25`; the first tick dated when none is.
    private static func labelled(_ indices: [Int], _ series: TimeSeries) -> [(index: Int, label: String)] {
        var labels = indices.map { (index: $0, label: Format.tick(series.points[$0], in: series)) }
        guard series.bucket == .hour, !series.isPerBillingPeriod, let first = labels.first,
            !labels.contains(where: { UTCTime.fields(series.points[$0.index].start).hour == 0 })
        else { return labels }
        let start = series.points[first.index].start
        labels[0].label = Format.tick(UTCTime.startOfDay(start), bucket: .hour) + " " + first.label
        return labels
    }
}
