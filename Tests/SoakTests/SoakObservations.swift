import DashboardScreens
import Foundation
import Testing
import UsageCore
import UsageViewModel

/// What the soak checks along the way: the outage banner every day, recovery after it, each kind of fault named in
/// the banner, the largest cache and backlog, memory after day 1, and a resize now and then.
struct SoakObservations {
    static let stepsPerDay = 86_400 / 2
    var maxCached = 0, maxHeld = 0, outages = 0, recoveries = 0, faults = 0, residentAfterDay1 = 0

    mutating func observe(step: Int, driver: SoakDriver) async {
        maxHeld = max(maxHeld, driver.heldCount)
        let secondOfDay = (step * 2) % 86_400
        if secondOfDay % 3_600 == 0 { maxCached = max(maxCached, await driver.service.cachedCount) }
        if secondOfDay == 3 * 3_600 + 120 {
            let frame = MonitorRenderer.render(driver.state, options: RenderOptions())
            #expect(
                frame.line(1).contains("connection refused") && frame.text.contains("stale"),
                "day \(step / Self.stepsPerDay): the outage shows as a banner and stale panels")
            outages += 1
        }
        if secondOfDay == 3 * 3_600 + 35 * 60 {
            let frame = MonitorRenderer.render(driver.state, options: RenderOptions())
            #expect(driver.state.failure == nil && !frame.text.contains("stale"), "recovered after the outage")
            recoveries += 1
        }
        if let expected = SoakTests.faultChecks[step * 2] {
            #expect(
                driver.state.failure?.text.contains(expected) == true, "at \(step * 2)s the banner names '\(expected)'")
            faults += 1
        }
        if step == Self.stepsPerDay { residentAfterDay1 = SoakTests.residentBytes() }
        if secondOfDay == 7_200 { await driver.send(.resized(width: step % 4 == 0 ? 80 : 200, height: 24 + step % 40)) }
        if secondOfDay == 7_202 { await driver.send(.resized(width: 120, height: 40)) }
    }
}
