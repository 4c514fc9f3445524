@testable import DashboardScreens
import Foundation
import LocalStore
import TermUI
import Testing
import UsageCore
import UsageViewModel

/// The period picker, and a typed range shown on the customers table.
@Suite("Golden screens: choosing a period")
struct PeriodScreenTests {
    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func pickerWithATypedRangeAndItsDates(width: Int, height: Int) async throws {
        var h = try await ScreenHarness(width: width, height: height, build: ScreenHarness.demo)
        await h.press(.character("p"))
        Snapshot.assert(h.frame(), named: "period-picker-\(width)x\(height)")
        await h.type("2026-11-01..2026-11-08")
        Snapshot.assert(h.frame(), named: "period-picker-typed-\(width)x\(height)")
    }

    @Test func aTypedRangeReloadsTheTableForExactlyThoseDays() async throws {
        var h = try await ScreenHarness(width: 120, height: 40, build: ScreenHarness.demo)
        let before = h.state.customers.rows.map(\.summary.total)
        await h.press(.character("p"))
        await h.type("2026-11-01..2026-11-08")
        await h.press(.enter)
        let period = Period(start: ISO8601Parser.parse("2026-11-01")!, end: ISO8601Parser.parse("2026-11-09")!)
        #expect(h.state.period == .fixed(period) && h.state.overlay == nil)
        let after = h.state.customers.rows.map(\.summary.total)
        #expect(!after.isEmpty && after != before, "the table answers the typed week, not the month")
        #expect(h.frame().text.contains("2026-11-01 → 2026-11-08"), "the header names the typed dates")
        await h.press(.character("]"))
        #expect(h.state.period == .fixed(Period(start: period.end, end: period.end.addingTimeInterval(8 * 86_400))))
    }

    @Test func aRangeThatIsNotAPeriodKeepsThePickerOpenAndSaysWhy() async throws {
        var h = try await ScreenHarness(width: 120, height: 40, build: ScreenHarness.demo)
        await h.press(.character("p"))
        await h.type("last fortnight")
        await h.press(.enter)
        guard case .periodPicker(let picker)? = h.state.overlay else {
            Issue.record("the picker closed on a refused range")
            return
        }
        #expect(picker.problem?.contains("is not a period") == true && h.state.period == .preset(.thisMonth))
        #expect(h.frame().text.contains("! 'last fortnight' is not a period"))
    }

    @Test(arguments: [(80, 24), (200, 60)])
    func theCommandLineWithItsCompletion(width: Int, height: Int) async throws {
        var h = try await ScreenHarness(width: width, height: height, build: ScreenHarness.demo)
        await h.press(.character(":"))
        await h.type("pe")
        await h.press(.tab)
        await h.type("-3")
        #expect(h.state.commandLine == "period -3")
        Snapshot.assert(h.frame(), named: "command-line-\(width)x\(height)")
    }

    @Test func theCommandLineShowsWhatIsTypedOverALongMessage() async throws {
        var h = try await ScreenHarness(width: 80, height: 24, build: ScreenHarness.demo)
        await h.press(.character(":"))
        await h.type("metric gb")
        await h.press(.enter)
        #expect(h.state.message?.text.hasPrefix("metrics: ") == true, "an unknown metric lists the metrics")
        await h.press(.character(":"))
        await h.type("metric st")
        let status = h.frame().text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(status.contains(":metric st▏"), "the line being typed shows, got \(status)")
    }
}
