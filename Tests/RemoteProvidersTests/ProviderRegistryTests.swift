import Foundation
import RemoteProviders
import Testing
import UsageCore

/// One registry entry per provider: every provider folder has its line, and each line makes the provider it names.
@Suite("Provider registry")
struct ProviderRegistryTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/RemoteProviders")

    @Test func everyProviderFolderHasItsRegistryLineAndNoOther() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path)
            .filter { !["HTTP", "Registry"].contains($0) }.map { $0.lowercased() }
        #expect(
            Set(folders) == Set(ProviderRegistry.providers.map(\.name)),
            "a provider folder without its line, or the reverse")
        #expect(ProviderRegistry.sourceNames.count == Set(ProviderRegistry.sourceNames).count, "names are unique")
    }

    @Test func eachEntryMakesTheProviderItNames() throws {
        for descriptor in ProviderRegistry.providers {
            let configuration = try APIConfiguration(
                providerName: descriptor.name, baseURL: "http://127.0.0.1:9",
                apiKey: Secret("registry-test-key"))
            #expect(descriptor.provider(configuration: configuration).name == descriptor.name)
            #expect(descriptor.keyVariable == descriptor.name.uppercased() + "_API_KEY")
            #expect(descriptor.defaultBaseURL.hasPrefix("https://"), "\(descriptor.name): public APIs are https")
        }
        #expect(ProviderRegistry.listed(["local", "lago", "prolifi"]) == "local, lago or prolifi")
    }
}
