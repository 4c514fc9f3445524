import Foundation
import HTTPTestSupport
import RemoteProviders
import Testing

/// The command line reads the one provider list: the real binary's help names exactly the registry's sources, an
/// unknown one is refused with that list, and every registered provider is wired up to its key lookup.
@Suite("End to end: the CLI's providers are the registry's")
struct ProviderRegistryEndToEndTests {
    @Test func helpErrorsAndKeyLookupNameEveryRegisteredProviderAndNoOther() async throws {
        let help = try await Program.run(Tmux.binary, ["customers", "--help"])
        let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let listed = try #require(flat.range(of: "Data source: ").map { flat[$0.upperBound...] }?.prefix { $0 != "(" })
        let named = listed.replacingOccurrences(of: " or ", with: ", ").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(named == ProviderRegistry.sourceNames, "help lists \(named)")

        let unknown = try await Program.run(Tmux.binary, ["customers", "--provider", "stripe"])
        #expect(unknown.status == 1)
        #expect(
            unknown.stderr
                == "usagetop: --provider: unknown provider 'stripe' (known: \(ProviderRegistry.listed(ProviderRegistry.sourceNames)))\n"
        )

        var noKeys = ["USAGETOP_API_KEY": ""]
        for descriptor in ProviderRegistry.providers { noKeys[descriptor.keyVariable] = "" }
        for descriptor in ProviderRegistry.providers {
            let run = try await Program.run(Tmux.binary, ["customers", "--provider", descriptor.name], extra: noKeys)
            #expect(
                run.status == 1
                    && run.stderr.hasPrefix(
                        "usagetop: \(descriptor.name) needs an API key: set \(descriptor.keyVariable)"),
                "\(descriptor.name): \(run.stderr)")
        }
        let sync = try await Program.run(Tmux.binary, ["sync", "--provider", "local"])
        #expect(
            sync.stderr.contains("give --provider \(ProviderRegistry.listed(ProviderRegistry.providers.map(\.name)))"),
            "\(sync.stderr)")
    }
}
