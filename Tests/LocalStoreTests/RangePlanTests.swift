import StoreCore
import Testing
@testable import LocalStore

@Suite("Range plans split periods into days, hours and raw edges")
struct RangePlanTests {
    let hour: Int64 = 3_600_000
    let day: Int64 = 86_400_000

    @Test func wholeDaysUseOnlyTheDailyRollup() {
        let plan = RangePlan(startMs: 10 * day, endMs: 13 * day)
        #expect(plan.days == .init(lower: 10, upper: 13))
        #expect(plan.hours.isEmpty && plan.raw.isEmpty)
    }

    @Test func unalignedEdgesUseHoursAndRawEvents() {
        let start: Int64 = 10 * day + 5 * hour + 1
        let end: Int64 = 12 * day + 2 * hour + 30
        let plan = RangePlan(startMs: start, endMs: end)
        let firstHour: Int64 = 10 * day + 6 * hour
        let lastHour: Int64 = 12 * day + 2 * hour
        let expectedRaw = [RangePlan.Span(lower: start, upper: firstHour), RangePlan.Span(lower: lastHour, upper: end)]
        #expect(plan.raw == expectedRaw)
        let expectedHours = [RangePlan.Span(lower: 246, upper: 264), RangePlan.Span(lower: 288, upper: 290)]
        #expect(plan.hours == expectedHours)
        #expect(plan.days == .init(lower: 11, upper: 12))
    }

    @Test func shortRangesAreRawOnly() {
        let plan = RangePlan(startMs: 5 * hour + 10, endMs: 5 * hour + 20)
        #expect(plan.raw == [.init(lower: 5 * hour + 10, upper: 5 * hour + 20)])
        #expect(plan.days == nil && plan.hours.isEmpty)
        #expect(RangePlan(startMs: 5, endMs: 5) == RangePlan(startMs: 9, endMs: 3))
    }

    @Test func negativeTimesFloorCorrectly() {
        #expect(RangePlan.floorDiv(-1, hour) == -1)
        #expect(RangePlan.ceilDiv(-1, hour) == 0)
    }
}
