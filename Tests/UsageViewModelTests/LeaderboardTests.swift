import Foundation
import Testing
import UsageCore
@testable import UsageViewModel

@Suite("Leaderboard")
struct LeaderboardTests {
    let metric = Metric(code: "calls", name: "Calls", aggregation: .count)
    let period = Period(start: Fixtures.now.addingTimeInterval(-86_400), end: Fixtures.now)

    func row(_ id: String, _ name: String, _ total: Decimal) -> CustomerSummary {
        CustomerSummary(customer: Customer(id: id, name: name), total: total, daily: [], lastEventAt: nil)
    }

    @Test("Ranks by total, ties by name, drops customers without usage, keeps the top N, compares with previous")
    func ranking() {
        let current = [
            row("a", "Beta", 10), row("b", "Alpha", 10), row("c", "Gamma", 30), row("d", "Idle", 0), row("e", "New", 4),
        ]
        let previous = [row("a", "Beta", 8), row("b", "Alpha", 20), row("c", "Gamma", 30)]
        let board = Leaderboard.rank(current: current, previous: previous, metric: metric, period: period, limit: 3)
        #expect(board.rows.map(\.customer.id) == ["c", "b", "a"])
        #expect(board.activeCustomers == 4)
        #expect(board.rows.map(\.change) == [0, Decimal(-0.5), Decimal(string: "0.25")])
        let newcomer = Leaderboard.rank(current: current, previous: previous, metric: metric, period: period).rows.last
        #expect(newcomer?.customer.id == "e" && newcomer?.previous == 0 && newcomer?.change == nil)
        let noComparison = Leaderboard.rank(current: current, previous: nil, metric: metric, period: period)
        #expect(noComparison.rows.allSatisfy { $0.previous == nil })
    }

    @Test func numbersOfAnotherPeriodAreNeverComparedAndKeepTheirPeriod() {
        let day = Period(
            start: Fixtures.now.addingTimeInterval(-86_400 * 2), end: Fixtures.now.addingTimeInterval(86_400))
        var widened = row("a", "Beta", 10)
        widened.periods = [day]
        let board = Leaderboard.rank(
            current: [widened], previous: [row("a", "Beta", 5)], metric: metric, period: period)
        #expect(
            board.rows.first?.previous == nil && board.rows.first?.change == nil,
            "no change from another period's numbers")
        #expect(board.answeredPeriods == [day])
    }
}
