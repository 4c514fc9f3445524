import Foundation

/// Which billing periods answer a period asked, where a provider answers whole billing periods only (Lago): a number
/// on screen is one period's, or a run of one subscription's consecutive periods, never a sum over periods that
/// cover different stretches of time.
///
/// Of one subscription's periods, those that lie mostly (more than half of their length) inside the period asked
/// answer it: "last month" on a monthly subscription is that month, on an anniversary subscription the period that
/// mostly falls in it, on a New York subscription the New York month (its first four hours of UTC's next month
/// included), never also the period before that overlaps it by four hours. When no period lies mostly inside
/// (a day asked of a monthly plan), the one that overlaps it most answers. Subscriptions whose answering periods
/// cover the same stretch add up into one number; otherwise each subscription is a number of its own.
public enum AnsweringPeriods {
    /// One subscription's periods that answer `asked`, earliest first (empty when none overlaps it).
    public static func of(_ periods: [Period], answering asked: Period) -> [Period] {
        let overlapping = Set(periods).filter { $0.start < asked.end && asked.start < $0.end }
            .sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        let mostlyInside = overlapping.filter { overlap($0, asked) * 2 > length($0) }
        if !mostlyInside.isEmpty { return mostlyInside }
        guard let widest = overlapping.max(by: { (overlap($0, asked), $0.start) < (overlap($1, asked), $1.start) })
        else { return [] }
        return [widest]
    }

    /// Groups of subscriptions whose answering periods cover the same stretch: one group when every subscription's
    /// numbers can be added up, else one per subscription (each with its own periods). `periods` maps a
    /// subscription to all of its periods known.
    public static func groups(_ periods: [String: [Period]], answering asked: Period) -> [Group] {
        let chosen = periods.mapValues { of($0, answering: asked) }.filter { !$0.value.isEmpty }
        let spans = Set(chosen.values.map(span))
        if spans.count <= 1 {
            return chosen.isEmpty ? [] : [Group(subscriptions: chosen.keys.sorted(), periods: chosen)]
        }
        return chosen.keys.sorted().map { Group(subscriptions: [$0], periods: [$0: chosen[$0]!], named: true) }
    }

    /// Subscriptions whose chosen periods add up, and those periods.
    public struct Group: Sendable, Hashable {
        /// The subscriptions, sorted.
        public var subscriptions: [String]
        /// Each subscription's answering periods.
        public var periods: [String: [Period]]
        /// Whether the group stands for one subscription among others of different periods (its rows say which).
        public var named = false

        /// Every period of the group, earliest first, once each.
        public var allPeriods: [Period] {
            Set(periods.values.flatMap { $0 }).sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        }

        /// Whether `period` of `subscription` is one of the group's.
        public func includes(_ subscription: String, _ period: Period) -> Bool {
            periods[subscription]?.contains(period) ?? false
        }
    }

    /// The stretch from the first period's start to the last one's end.
    private static func span(_ periods: [Period]) -> Period {
        Period(start: periods.map(\.start).min()!, end: periods.map(\.end).max()!)
    }

    private static func overlap(_ a: Period, _ b: Period) -> TimeInterval {
        max(0, min(a.end, b.end).timeIntervalSince(max(a.start, b.start)))
    }

    private static func length(_ period: Period) -> TimeInterval { period.end.timeIntervalSince(period.start) }
}
