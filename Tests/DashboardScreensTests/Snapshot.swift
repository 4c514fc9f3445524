import Foundation
import TermUI
import Testing

/// Golden screen files: `__Snapshots__/<name>.txt` holds `Buffer.dump`. Set `RECORD_SNAPSHOTS=1` to rewrite them;
/// a missing file is written and the test fails so that a new golden is always looked at.
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "__Snapshots__")

    static func assert(_ buffer: Buffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = folder.appendingPathComponent(name + ".txt")
        let actual = buffer.dump
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded golden \(name).txt; check it and run again", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
            let detail =
                first.map { "line \($0.offset + 1):\n  expected \($0.element.0)\n  actual   \($0.element.1)" }
                ?? "line counts differ: \(expectedLines.count) vs \(actualLines.count)"
            Issue.record("\(name) differs from its golden; \(detail)", sourceLocation: sourceLocation)
        }
    }
}
