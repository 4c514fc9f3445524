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
