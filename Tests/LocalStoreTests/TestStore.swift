import Foundation
import HTTPTestSupport
import LocalStore
import StoreCore
import UsageCore

/// A store in a fresh temporary folder, plus helpers to write ingest files.
struct TestStore {
    let folder: URL
    let store: UsageStore

    init() throws {
        folder = Self.root.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try UsageStore(path: folder.appendingPathComponent("usage.sqlite").path)
    }

    /// Writes `lines` to a JSONL file and returns its path.
    func file(_ lines: [String], name: String = "events.jsonl") throws -> String {
        let url = folder.appendingPathComponent(name)
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Ingests lines with the standard test metrics.
    @discardableResult
    func ingest(_ lines: [String], skipInvalid: Bool = false) throws -> IngestReport {
        try Ingestor(store: store).ingest(
            eventsPath: try file(lines), metrics: Self.metrics, customers: [Customer(id: "c1", name: "Acme")],
            skipInvalid: skipInvalid)
    }

    var provider: LocalProvider { LocalProvider(store: store) }

    /// The test process's scratch folder.
    static var root: URL { ProcessScratch.root }

    static let metrics = [
        Metric(code: "calls", name: "Calls", aggregation: .count, unit: "calls"),
        Metric(code: "gb", name: "GB", aggregation: .sum, field: "gb", unit: "GB"),
        Metric(code: "peak", name: "Peak", aggregation: .max, field: "v"),
        Metric(code: "users", name: "Users", aggregation: .uniqueCount, field: "user"),
    ]

    static func metric(_ code: String) -> Metric { metrics.first { $0.code == code }! }

    static func event(
        _ id: String, _ code: String, _ timestamp: String, customer: String = "c1", _ properties: String = "{}"
    )
        -> String
    {
        #"{"transaction_id": "\#(id)", "external_customer_id": "\#(customer)", "code": "\#(code)", "timestamp": "\#(timestamp)", "properties": \#(properties)}"#
    }

    static func date(_ text: String) -> Date { ISO8601Parser.parse(text)! }

    static func period(_ start: String, _ end: String) -> Period { Period(start: date(start), end: date(end)) }
}
