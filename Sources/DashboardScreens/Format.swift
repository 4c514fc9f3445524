import Foundation
import UsageCore

/// Number, time and period text as the screens show it.
enum Format {
    /// An exact value with grouping (`12,345.678`); a non-zero value too small for six decimals is shown whole
    /// (`0.0000000001`), never as `0`.
    static func value(_ value: Decimal) -> String {
        let text = DecimalText.grouped(value, fractionDigits: 6)
        return value != 0 && (text == "0" || text == "-0") ? value.description : text
    }

    /// Every digit of `value`, grouped (`1,000,012.5000000001`): what a column that rounds to six decimals hides.
    static func exact(_ value: Decimal) -> String { DecimalText.grouping(value.description) }

    /// `value` with its unit, every digit kept, and as people read it first when that differs (`2h 30m 39s
    /// (9,039.5 s)`): what a readout shows.
    static func exact(_ value: Decimal, unit: String?) -> String {
        let digits = exact(value) + (unit.map { " \($0)" } ?? "")
        guard let human = HumanUnits.text(value, unit: unit) else { return digits }
        return "\(human) (\(digits))"
    }

    /// What is being typed into a field, as its end reads: past 60 characters (a paste) the last 59 after `…`, so the
    /// end being typed stays in sight and a long text costs a frame no more than a short one.
    static func typing(_ text: String) -> String {
        // Counted in bytes first: counting the characters of a megabyte each frame would cost what the paste saved.
        guard text.utf8.count > 60, text.utf8.count > 240 || text.count > 60 else { return text }
        return "…" + String(text.suffix(59))
    }

    /// Whether a column showing `value` with `Format.value` hides some of its digits.
    static func rounds(_ value: Decimal) -> Bool { Self.value(value) != exact(value) }

    /// What the numbers answer when it is not the period asked: `numbers for 2026-11-14 → 2026-12-13`, or
    /// `numbers for 3 periods (2026-09-14 → 2026-12-13)`; nil when they answer the period asked.
    static func answered(_ periods: [Period]) -> String? {
        guard let first = periods.first, let last = periods.max(by: { $0.end < $1.end }) else { return nil }
        if periods.count == 1 { return "numbers for \(PeriodText.span(first))" }
        return "numbers for \(periods.count) periods (\(PeriodText.span(Period(start: first.start, end: last.end))))"
    }

    /// A whole count with thousands separators (`100,000`).
    static func count(_ n: Int) -> String { DecimalText.grouped(Decimal(n), fractionDigits: 0) }

    /// A value with its unit (`1,234 calls`, `1 call`), durations and sizes as people read them (`2h 30m`,
    /// `12.3 TB`).
    static func value(_ value: Decimal, unit: String?) -> String {
        HumanUnits.text(value, unit: unit) ?? unit.map { "\(Self.value(value)) \(noun($0, for: value))" }
            ?? Self.value(value)
    }

    /// `n` things (`1 event`, `3 events`).
    static func count(_ n: Int, _ plural: String) -> String { "\(count(n)) \(noun(plural, for: Decimal(n)))" }

    /// A plural word unit in the singular for one (`calls` → `call`, `emails` → `email`); a symbol (`s`, `GB`,
    /// `ms`) or a word not ending in a plain `s` stays as it is.
    static func noun(_ unit: String, for value: Decimal) -> String {
        guard value.magnitude == 1, unit.count > 2, unit.hasSuffix("s"), !unit.hasSuffix("ss"),
            unit.allSatisfy({ $0.isLowercase && $0.isLetter })
        else { return unit }
        return String(unit.dropLast())
    }

    /// `this month (2026-11-01 → 2026-11-30)`; the end shown is the last day inside the period; a typed range is
    /// its dates alone.
    static func period(_ choice: PeriodChoice, _ period: Period) -> String {
        guard !choice.isFixed else { return choice.label }
        let start = UTCTime.day(period.start), end = UTCTime.day(period.end.addingTimeInterval(-1))
        return start == end ? "\(choice.label) (\(start))" : "\(choice.label) (\(start) → \(end))"
    }

    /// A point's tick label: the start day for billing periods (two may start in one month), else per bucket.
    static func tick(_ point: TimeSeries.Point, in series: TimeSeries) -> String {
        series.isPerBillingPeriod ? UTCTime.day(point.start) : tick(point.start, bucket: series.bucket)
    }

    /// A bucket tick label.
    static func tick(_ date: Date, bucket: Bucket) -> String {
        let f = UTCTime.fields(date)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        switch bucket {
        case .hour: return f.hour == 0 ? "\(two(f.month))-\(two(f.day))" : "\(two(f.hour))h"
        case .day: return "\(two(f.month))-\(two(f.day))"
        case .month: return "\(f.year)-\(two(f.month))"
        }
    }

    /// An age like `5s`, `3m`, `2h`, `4d`.
    static func age(from date: Date?, to now: Date) -> String {
        guard let date else { return "never" }
        return duration(now.timeIntervalSince(date))
    }

    /// A duration like `5s`, `3m`, `2h`, `4d` (whole units, rounded down).
    static func duration(_ interval: TimeInterval) -> String {
        let seconds = max(0, Int(interval))
        switch seconds {
        case ..<60: return "\(seconds)s"
        case ..<3_600: return "\(seconds / 60)m"
        case ..<86_400: return "\(seconds / 3_600)h"
        default: return "\(seconds / 86_400)d"
        }
    }

    /// A relative change as a signed percentage with one decimal (`+12.5%`, `−3.0%`).
    static func change(_ ratio: Decimal) -> String {
        let percent = (ratio * 100).rounded(1)
        let text = DecimalText.grouped(percent < 0 ? -percent : percent, fractionDigits: 1)
        return (percent < 0 ? "−" : "+") + text + "%"
    }

    /// Spinner frames.
    static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    /// ASCII spinner frames.
    static let asciiSpinner = ["|", "/", "-", "\\"]
}
