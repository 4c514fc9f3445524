import Foundation
import Testing
import UsageCore
@testable import UsageViewModel

/// The `:` command line, in the manner of k9s: customer, metric, period and quit, with Tab completion.
@Suite("Reducer: command line")
struct CommandLineTests {
    @Test func customerOpensTheOneCustomerANameMatches() {
        var state = Fixtures.loaded(rows: 20)
        _ = state.reduce(.keyPressed(.character(":")))
        #expect(state.commandLine == "")
        _ = Fixtures.type("cu\tcompany 17", into: &state)
        #expect(state.commandLine == "customer company 17")
        let effects = state.reduce(.keyPressed(.enter))
        #expect(state.commandLine == nil && state.screenKind == .customerUsage)
        #expect(effects.contains { if case .load(_, .usage("cus_17", _, _)) = $0 { true } else { false } })
    }

    @Test func metricPeriodAndMistakes() {
        var state = Fixtures.loaded(rows: 5)
        _ = state.reduce(.keyPressed(.character(":")))
        _ = Fixtures.type("m\tg\t", into: &state)
        #expect(state.commandLine == "metric gb")
        let effects = state.reduce(.keyPressed(.enter))
        #expect(
            state.metric?.code == "gb" && effects.contains { if case .load(_, .customers) = $0 { true } else { false } }
        )
        _ = state.reduce(.keyPressed(.character(":")))
        _ = Fixtures.type("period last-7-days", into: &state)
        _ = state.reduce(.keyPressed(.enter))
        #expect(state.period == .preset(.last7Days))
        _ = state.reduce(.keyPressed(.character(":")))
        _ = Fixtures.type("frobnicate", into: &state)
        _ = state.reduce(.keyPressed(.enter))
        #expect(state.message?.text.hasPrefix("unknown command 'frobnicate'") == true)
        _ = state.reduce(.keyPressed(.character(":")))
        _ = state.reduce(.keyPressed(.escape))
        #expect(state.commandLine == nil && !state.shouldQuit)
    }

    @Test func oneTableGivesHelpCompletionDispatchAndTheErrorText() {
        let help = HelpText.lines(for: Fixtures.loaded(rows: 5)).joined(separator: "  ")
        let unknown = LineCommand.unknown("x")
        for command in LineCommand.all {
            #expect(help.contains(command.usage), "help lists \(command.usage)")
            #expect(unknown.contains(command.name), "the unknown-command line names \(command.name)")
            var state = Fixtures.loaded(rows: 5)
            _ = state.reduce(.keyPressed(.character(":")))
            _ = Fixtures.type(String(command.name.prefix(2)) + "\t", into: &state)
            #expect(state.commandLine == command.name + " ", "Tab completes \(command.name)")
            guard let alias = command.alias else { continue }
            var byName = Fixtures.loaded(rows: 5), byAlias = byName
            _ = byName.reduce(.keyPressed(.character(":")))
            _ = Fixtures.type(command.name + " gb", into: &byName)
            _ = byAlias.reduce(.keyPressed(.character(":")))
            _ = Fixtures.type(alias + " gb", into: &byAlias)
            #expect(
                byName.reduce(.keyPressed(.enter)) == byAlias.reduce(.keyPressed(.enter)) && byName == byAlias,
                ":\(alias) does what :\(command.name) does")
        }
    }
}
