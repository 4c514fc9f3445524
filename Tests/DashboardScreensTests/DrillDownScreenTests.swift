@testable import DashboardScreens
import Foundation
import LocalStore
import TermUI
import Testing
import UsageCore
import UsageViewModel

/// From a spike to the events behind it: a chart cursor with its readout, and the events of the bucket under it.
@Suite("Golden screens: drilling down from a chart")
struct DrillDownScreenTests {
    static let sizes = [(80, 24), (120, 40)]

    @Test(arguments: sizes)
    func chartCursorOnThePeak(width: Int, height: Int) async throws {
        var h = try await ScreenHarness(width: width, height: height, build: ScreenHarness.demo)
        await h.press(.enter, .enter, .character("^"))
        Snapshot.assert(h.frame(), named: "timeseries-cursor-\(width)x\(height)")
    }

    @Test(arguments: sizes)
    func eventsOfTheBucketUnderTheCursor(width: Int, height: Int) async throws {
        var h = try await ScreenHarness(width: width, height: height, build: ScreenHarness.demo)
        await h.press(.enter, .enter, .character("^"), .character("e"))
        Snapshot.assert(h.frame(), named: "events-of-bucket-\(width)x\(height)")
    }
}

/// Which values of an event property made up the usage, and the events behind one of them.
@Suite("Golden screens: breakdown by property")
struct BreakdownScreenTests {
    @Test(arguments: [(80, 24), (120, 40)])
    func breakdownOfAMetricByItsFirstProperty(width: Int, height: Int) async throws {
        var h = try await ScreenHarness(width: width, height: height, build: ScreenHarness.demo)
        await h.press(.enter, .character("B"))
        Snapshot.assert(h.frame(), named: "breakdown-\(width)x\(height)")
    }

    @Test func tabSplitsByTheNextPropertyAndEnterOpensTheEventsOfAValue() async throws {
        var h = try await ScreenHarness(width: 120, height: 40, build: ScreenHarness.demo)
        await h.press(.enter, .character("B"), .tab)
        guard case .breakdown(let split)? = h.state.stack.last else {
            Issue.record("expected the breakdown view")
            return
        }
        #expect(split.key == split.keys.dropFirst().first && split.rows?.isEmpty == false)
        await h.press(.enter)
        guard case .events(let events)? = h.state.stack.last, let page = events.page,
              let match = events.query.matches.first else {
            Issue.record("expected the events of the value")
            return
        }
        #expect(match.key == split.key)
        #expect(page.totalCount == split.rows?.first?.events, "the events behind the row are exactly its count")
    }
}
