import Foundation
import UsageCore

/// Number, time and period text as the screens show it.
enum Format {
    /// An exact value with grouping (`12,345.678`).
    static func value(_ value: Decimal) -> String { DecimalText.grouped(value, fractionDigits: 6) }

    /// A value with its unit (`1,234 calls`).
    static func value(_ value: Decimal, unit: String?) -> String {
        unit.map { "\(Self.value(value)) \($0)" } ?? Self.value(value)
    }

    /// `this month (2026-11-01 → 2026-11-30)`; the end shown is the last day inside the period.
    static func period(_ preset: PeriodPreset, _ period: Period) -> String {
        let lastDay = period.end.addingTimeInterval(-1)
        let start = UTCTime.day(period.start), end = UTCTime.day(lastDay)
        return start == end ? "\(preset.label) (\(start))" : "\(preset.label) (\(start) → \(end))"
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
