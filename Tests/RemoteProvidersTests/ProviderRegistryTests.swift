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

    /// A sync pass says its calls a second against the provider's published limit, or that there is none.
    @Test func aRateReadsAgainstThePublishedLimit() {
        let hyperline = RateBudget(requests: 170, per: .seconds(10), burst: 20)
        #expect(hyperline.usage(12.5, provider: "hyperline") == "12.5 calls/s, 74% of hyperline's 17 calls/s")
        let prolifi = RateBudget(requests: 900, per: .seconds(60))
        #expect(prolifi.usage(3, provider: "prolifi") == "3.0 calls/s, 20% of prolifi's 15 calls/s")
        let lago = RateBudget(requests: 1_000_000, per: .seconds(1), maxConcurrent: 8)
        #expect(lago.usage(76.2, provider: "lago") == "76.2 calls/s (lago publishes no rate limit)")
    }
}
