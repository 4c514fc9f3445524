import Foundation

/// The period a screen shows, as the person chose it: a named preset and trailing hours or days move with the clock
/// (a wall screen left for days keeps showing "last 7 days"); a typed range stays put.
public enum PeriodChoice: Sendable, Hashable {
    /// A named period (`this-month`).
    case preset(PeriodPreset)
    /// The last `count` hours (ending with the current hour) or days (ending with today), `-36h`, `-10d`.
    case trailing(count: Int, unit: TrailingUnit)
    /// A fixed range (`2026-11-01..2026-11-08`).
    case fixed(Period)

    /// The unit of a trailing period.
    public enum TrailingUnit: String, Sendable, Hashable {
        case hours = "h"
        case days = "d"
    }

    /// A trailing period, as the preset that means the same when there is one (`-7d` is `last-7-days`).
    public static func trailing(_ count: Int, _ unit: TrailingUnit) -> PeriodChoice {
        switch (count, unit) {
        case (24, .hours): .preset(.last24Hours)
        case (1, .days): .preset(.today)
        case (7, .days): .preset(.last7Days)
        case (30, .days): .preset(.last30Days)
        default: .trailing(count: count, unit: unit)
        }
    }

    /// The concrete period at `now`.
    public func resolve(now: Date) -> Period {
        switch self {
        case .preset(let preset): return preset.resolve(now: now)
        case .trailing(let count, .hours):
            let end = UTCTime.startOfHour(now).addingTimeInterval(3_600)
            return Period(start: end.addingTimeInterval(-3_600 * Double(count)), end: end)
        case .trailing(let count, .days):
            let end = UTCTime.startOfDay(now).addingTimeInterval(86_400)
            return Period(start: end.addingTimeInterval(-86_400 * Double(count)), end: end)
        case .fixed(let period): return period
        }
    }

    /// The period at `now` for a screen left running (the monitor): the last 24 hours and trailing hours roll a
    /// minute at a time, so a total never drops an hour's usage at the top of each hour; the rest as `resolve`.
    public func resolveRolling(now: Date) -> Period {
        let hours: Int
        switch self {
        case .preset(.last24Hours): hours = 24
        case .trailing(let count, .hours): hours = count
        default: return resolve(now: now)
        }
        let end = Period.rollingEnd(now)
        return Period(start: end.addingTimeInterval(-3_600 * Double(hours)), end: end)
    }

    /// The period before `resolveRolling(now:)`'s, of the same length (the monitor's comparison).
    public func previousRolling(now: Date) -> Period {
        let current = resolveRolling(now: now)
        guard current != resolve(now: now) else { return previous(now: now) }
        return Period(
            start: current.start.addingTimeInterval(-current.end.timeIntervalSince(current.start)), end: current.start)
    }

    /// A short label for headers: the preset's (`last 7 days`), `last 36 hours`, or the range's dates.
    public var label: String {
        switch self {
        case .preset(let preset): preset.label
        case .trailing(let count, .hours): "last \(count) hours"
        case .trailing(let count, .days): "last \(count) days"
        case .fixed(let period): PeriodText.span(period)
        }
    }

    /// The text that chooses this period again (`this-month`, `-36h`, `2026-11-01..2026-11-08`), for `--period`
    /// and the `:period` command.
    public var argument: String {
        switch self {
        case .preset(let preset): preset.rawValue
        case .trailing(let count, let unit): "-\(count)\(unit.rawValue)"
        case .fixed(let period): PeriodText.argument(period)
        }
    }

    /// Whether the period moves with the clock.
    public var isFixed: Bool {
        if case .fixed = self { return true }
        return false
    }

    /// The next preset, for a screen that cycles (the monitor's `p`); a typed period goes to the first preset.
    public var next: PeriodChoice {
        if case .preset(let preset) = self { return .preset(preset.next) }
        return .preset(PeriodPreset.allCases[0])
    }

    /// The bucket that suits a chart of this period at `now`: hours up to two days, days up to about a year, months
    /// beyond.
    public func naturalBucket(now: Date) -> Bucket {
        if case .preset(let preset) = self { return preset.naturalBucket }
        let period = resolve(now: now)
        let days = period.end.timeIntervalSince(period.start) / 86_400
        return days <= 2 ? .hour : days <= 400 ? .day : .month
    }

    /// This period moved by `steps` of its own length (`-1`: the one before), as a fixed range, or as the preset
    /// that resolves to it at `now` (going back and forward again returns to "last 7 days", not to its dates).
    /// A period of whole calendar months moves by months.
    public func shifted(by steps: Int, now: Date) -> PeriodChoice {
        let period = resolve(now: now)
        let moved = Self.moved(period, by: steps)
        if moved == period { return self }
        let liveForms = PeriodPreset.allCases.map(PeriodChoice.preset) + (isFixed ? [] : [self])
        return liveForms.first { $0.resolve(now: now) == moved } ?? .fixed(moved)
    }

    /// What a change column compares with (`vs prev 7d`).
    public var comparisonLabel: String {
        switch self {
        case .preset(let preset): preset.comparisonLabel
        case .trailing(let count, let unit): "vs prev \(count)\(unit.rawValue)"
        case .fixed: "vs period before"
        }
    }

    /// The period before this one, cut to the same elapsed time when this one is under way (see
    /// `PeriodPreset.previous(now:)`).
    public func previous(now: Date) -> Period {
        if case .preset(let preset) = self { return preset.previous(now: now) }
        let current = resolve(now: now)
        let before = Self.moved(current, by: -1)
        guard now < current.end, now > current.start else { return before }
        let elapsed = (now.timeIntervalSince(current.start) / 60).rounded(.down) * 60
        return Period(start: before.start, end: min(before.end, before.start.addingTimeInterval(elapsed)))
    }

    /// `period` moved by `steps` of its own length; whole calendar months move by months.
    static func moved(_ period: Period, by steps: Int) -> Period {
        if let months = wholeMonths(period) {
            return Period(
                start: UTCTime.addingMonths(steps * months, to: period.start),
                end: UTCTime.addingMonths(steps * months, to: period.end))
        }
        let length = period.end.timeIntervalSince(period.start) * Double(steps)
        return Period(start: period.start.addingTimeInterval(length), end: period.end.addingTimeInterval(length))
    }

    /// The number of months `period` spans when it is whole calendar months, else nil.
    static func wholeMonths(_ period: Period) -> Int? {
        guard UTCTime.startOfMonth(period.start) == period.start, UTCTime.startOfMonth(period.end) == period.end else {
            return nil
        }
        let a = UTCTime.fields(period.start), b = UTCTime.fields(period.end)
        let months = (b.year - a.year) * 12 + (b.month - a.month)
        return months > 0 ? months : nil
    }
}
