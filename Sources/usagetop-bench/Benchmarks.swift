import Foundation
import LocalStore
import UsageCore

/// `swift run -c release usagetop-bench [--events N] [--store PATH] [--ingest N] [--only render|store|ingest|remote]
/// [--customers 100,1000,5000] [--sequential-up-to 1000] [--providers lago,hyperline,prolifi]`
@main
struct Benchmarks {
    static func main() async throws {
        let arguments = CommandLine.arguments
        func value(_ flag: String) -> String? {
            arguments.firstIndex(of: flag).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
        }
        let events = Int(value("--events") ?? "") ?? 10_000_000
        let ingest = Int(value("--ingest") ?? "") ?? 1_000_000
        let folder = URL(fileURLWithPath: value("--dir") ?? NSTemporaryDirectory() + "usagetop-bench")
        let only = value("--only")
        let now = Date()
        print("usagetop benchmarks · \(ProcessInfo.processInfo.activeProcessorCount) cores · \(UTCTime.iso(now))")
        if only == nil || only == "render" {
            print("\n## rendering and filtering")
            RenderBenchmarks.run()
        }
        if only == nil || only == "store" {
            print("\n## store queries (\(events) events)")
            let path = value("--store") ?? folder.appendingPathComponent("large.sqlite").path
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let store = try StoreBenchmarks.largeStore(path: path, events: events, now: now)
            try await StoreBenchmarks.queries(store: store, now: now)
        }
        if only == "remote" {
            let sizes = (value("--customers") ?? "100,1000,5000").split(separator: ",").compactMap { Int($0) }
            print("\n## customers table from providers (50 ms per request)")
            let providers = (value("--providers") ?? "lago,hyperline,prolifi").split(separator: ",").map(String.init)
            try await RemoteBenchmarks.run(sizes: sizes, sequentialUpTo: Int(value("--sequential-up-to") ?? "") ?? 1_000,
                                           providers: providers)
        }
        if only == nil || only == "ingest" {
            print("\n## ingest (\(ingest) events)")
            try IngestBenchmark.run(folder: folder.appendingPathComponent("ingest"), events: ingest)
        }
    }
}
