import Foundation

/// Quantities as people read them: durations in seconds as `2h 30m 40s`, sizes in bytes or SI multiples scaled to
/// three significant digits (`12.3 TB`). Only what the screens show; JSON and CSV keep the exact value and its unit.
public enum HumanUnits {
    private static let seconds: Set<String> = ["s", "sec", "secs", "second", "seconds"]
    private static let milliseconds: Set<String> = ["ms", "millisecond", "milliseconds"]
    private static let sizes = ["B", "KB", "MB", "GB", "TB", "PB"]
    private static let byteNames: [String: Int] = [
        "b": 0, "byte": 0, "bytes": 0, "kb": 1, "mb": 2, "gb": 3, "tb": 4, "pb": 5,
    ]

    /// `value` in `unit` as people read it, or nil when the exact text reads as well (a unit not known here, a
    /// duration under a minute, a size already between 1 and 1,000 of its unit).
    public static func text(_ value: Decimal, unit: String?) -> String? {
        guard let unit, value.isFinite, value >= 0 else { return nil }
        let lower = unit.lowercased()
        if seconds.contains(lower) { return duration(value) }
        if milliseconds.contains(lower) { return duration(value / 1_000) }
        if let power = byteNames[lower] { return size(value, power: power) }
        return nil
    }

    /// The size unit a column of values in `unit` is shown in, chosen from its `largest` value (the unit that puts
    /// it between 1 and 1,000), or the duration unit (minutes, hours, days: the largest that leaves it at least 2),
    /// with what each value is divided by; nil when `unit` is neither or its own unit already does. One unit per
    /// column: never `1 TB` beside `948.66`, nor `3h 13m` beside `45s`.
    public static func columnScale(largest: Decimal, unit: String?) -> (unit: String, divisor: Decimal)? {
        guard let unit, largest > 0 else { return nil }
        let lower = unit.lowercased()
        if seconds.contains(lower) || milliseconds.contains(lower) {
            let second: Decimal = milliseconds.contains(lower) ? 1_000 : 1
            let units: [(String, Decimal)] = [("d", 86_400), ("h", 3_600), ("min", 60), ("s", 1)]
            guard let (name, length) = units.first(where: { largest >= 2 * $0.1 * second }), length * second != 1
            else { return nil }
            return (name, length * second)
        }
        guard let power = byteNames[lower] else { return nil }
        var scaled = largest, index = power, divisor: Decimal = 1
        while scaled >= 1_000, index < sizes.count - 1 {
            (scaled, index, divisor) = (scaled / 1_000, index + 1, divisor * 1_000)
        }
        while scaled < 1, index > 0 { (scaled, index, divisor) = (scaled * 1_000, index - 1, divisor / 1_000) }
        return index == power ? nil : (sizes[index], divisor)
    }

    /// Whether `unit` is a duration or a size this reads (`s`, `ms`, `GB`…), whose numbers mean little without it.
    public static func isMeasure(_ unit: String?) -> Bool {
        guard let lower = unit?.lowercased() else { return false }
        return seconds.contains(lower) || milliseconds.contains(lower) || byteNames[lower] != nil
    }

    /// `2h 30m 40s`, `3d 4h`: the two largest parts, from a minute up; nil below a minute.
    public static func duration(_ value: Decimal) -> String? {
        guard value >= 60 else { return nil }
        let total = NSDecimalNumber(decimal: value.rounded(0, .down)).int64Value
        let parts: [(Int64, String)] = [
            (total / 86_400, "d"), (total % 86_400 / 3_600, "h"), (total % 3_600 / 60, "m"), (total % 60, "s"),
        ]
        guard let first = parts.firstIndex(where: { $0.0 > 0 }) else { return nil }
        return parts[first...].prefix(first == 0 ? 2 : 3).filter { $0.0 > 0 }.map { "\($0.0)\($0.1)" }.joined(
            separator: " ")
    }

    /// A size scaled by 1,000s to the unit that puts it between 1 and 1,000 (`0.0005 GB` → `500 KB`), three
    /// significant digits; nil when `power`'s own unit already does.
    public static func size(_ value: Decimal, power: Int) -> String? {
        guard value > 0 else { return nil }
        var scaled = value, index = power
        while scaled >= 1_000, index < sizes.count - 1 { scaled /= 1_000; index += 1 }
        while scaled < 1, index > 0 { scaled *= 1_000; index -= 1 }
        guard index != power else { return nil }
        let digits = scaled >= 100 ? 0 : scaled >= 10 ? 1 : 2
        return DecimalText.grouped(scaled.rounded(digits), fractionDigits: digits) + " " + sizes[index]
    }

    /// A chart axis label for `value` in `unit` on an axis whose top is `largest`: durations as their two largest
    /// parts (`2d 20h`, `47m 10s`), sizes in the unit the top is shown in (`855 GB`, `1.13 TB`), anything else
    /// compact (`12.3k`); zero is `0`.
    public static func axisLabel(_ value: Decimal, unit: String?, largest: Decimal) -> String {
        guard value != 0 else { return "0" }
        let lower = unit?.lowercased() ?? ""
        if seconds.contains(lower) || milliseconds.contains(lower) {
            let inSeconds = milliseconds.contains(lower) ? value / 1_000 : value
            guard let text = duration(inSeconds) else { return DecimalText.compact(inSeconds) + "s" }
            return text.split(separator: " ").prefix(2).joined(separator: " ")
        }
        guard let unit, byteNames[lower] != nil else { return DecimalText.compact(value) }
        let scale = columnScale(largest: largest, unit: unit)
        return DecimalText.compact(value / (scale?.divisor ?? 1)) + " " + (scale?.unit ?? unit)
    }
}
