/// Splits a half-open millisecond range into the cheapest exact pieces: whole days from the daily rollup,
/// whole hours from the hourly rollup, and the unaligned edges from raw events.
package struct RangePlan: Equatable {
    /// A half-open range of slots (hours or days since the epoch) or milliseconds.
    package struct Span: Equatable {
        package var lower: Int64
        package var upper: Int64

        /// The slots from `lower` up to, not including, `upper`.
        package init(lower: Int64, upper: Int64) {
            self.lower = lower
            self.upper = upper
        }
    }

    package var days: Span?
    package var hours: [Span] = []
    package var raw: [Span] = []

    package static let hourMs: Int64 = 3_600_000
    package static let dayHours: Int64 = 24

    /// Plans `[startMs, endMs)`.
    package init(startMs: Int64, endMs: Int64) {
        guard endMs > startMs else { return }
        let firstHour = Self.ceilDiv(startMs, Self.hourMs)
        let endHour = Self.floorDiv(endMs, Self.hourMs)
        guard firstHour < endHour else {
            raw = [Span(lower: startMs, upper: endMs)]
            return
        }
        if startMs < firstHour * Self.hourMs { raw.append(Span(lower: startMs, upper: firstHour * Self.hourMs)) }
        if endHour * Self.hourMs < endMs { raw.append(Span(lower: endHour * Self.hourMs, upper: endMs)) }
        let firstDay = Self.ceilDiv(firstHour, Self.dayHours)
        let endDay = Self.floorDiv(endHour, Self.dayHours)
        guard firstDay < endDay else {
            hours = [Span(lower: firstHour, upper: endHour)]
            return
        }
        days = Span(lower: firstDay, upper: endDay)
        if firstHour < firstDay * Self.dayHours {
            hours.append(Span(lower: firstHour, upper: firstDay * Self.dayHours))
        }
        if endDay * Self.dayHours < endHour { hours.append(Span(lower: endDay * Self.dayHours, upper: endHour)) }
    }

    package static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
    package static func ceilDiv(_ a: Int64, _ b: Int64) -> Int64 { -floorDiv(-a, b) }
}
