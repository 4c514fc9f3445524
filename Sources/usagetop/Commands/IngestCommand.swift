import AppConfig
import ArgumentParser
import Foundation
import LocalStore
import StoreCore
import UsageCore

/// `usagetop ingest events.jsonl`: loads real events in Lago's ingest shape.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load events (one Lago-shaped JSON object per line) into the store.",
        discussion:
            "All or nothing by default: any invalid line means nothing is written. Exit code 1 if a line was rejected.")

    @OptionGroup var store: WritableStoreOptions
    @Option(help: "metrics.json: [{\"code\",\"name\",\"aggregation\",\"field\",\"unit\"}].") var metrics: String?
    @Option(help: "customers.json: [{\"id\",\"name\",\"currency\"}].") var customers: String?
    @Flag(help: "Write the valid lines and report the invalid ones.") var skipInvalid = false
    @Argument(help: "The events file (JSON Lines).") var events: String

    func run() async throws {
        do {
            let target = try await store.openForWriting()
            let metricList =
                try metrics.map { path throws(UsageError) in
                    try CatalogParser.metrics(from: try read(path), source: path)
                } ?? []
            let customerList =
                try customers.map { path throws(UsageError) in
                    try CatalogParser.customers(from: try read(path), source: path)
                } ?? []
            let report = try await target.ingest(
                .file(events), metrics: metricList, customers: customerList, skipInvalid: skipInvalid)
            for line in report.lines {
                if line.hasPrefix("ingested") { StandardOutput.line(line) } else { StandardError.line(line) }
            }
            if report.rejectedCount > 0 { throw ExitCode(1) }
        } catch let error as UsageError {
            throw Failure.exit(error)
        }
    }

    /// A catalog file, at most 64 MiB (a catalog is small; `/dev/zero` must not grow memory without bound).
    private func read(_ path: String) throws(UsageError) -> Data {
        let limit = 64 << 20
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
            let handle = FileHandle(forReadingAtPath: path)
        else { throw UsageError(.invalidInput, "cannot read \(path)") }
        defer { try? handle.close() }
        var data = Data()
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                data.append(chunk)
                if data.count > limit {
                    throw UsageError(.invalidInput, "\(path) is larger than 64 MiB; is it the right file?")
                }
            }
        } catch let error as UsageError {
            throw error
        } catch {
            throw UsageError(.invalidInput, "cannot read \(path)")
        }
        return data
    }
}
