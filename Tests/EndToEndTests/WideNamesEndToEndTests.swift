import Foundation
import HTTPTestSupport
import Testing

/// Names holding emoji sequences, combining marks and CJK, in the real binary under tmux: every row of the table
/// lines up after the name (each measured as the terminal draws it, no stray joiner), at 80 and 120 columns.
@Suite(
    "End to end: wide and joined characters in names", .serialized,
    .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct WideNamesEndToEndTests {
    static let names = [
        "Dev 👩‍💻 Team", "Family 👨‍👩‍👧 Inc", "Café ❤️ Co", "Thumbs 👍🏽 Ltd", "東京 Labs", "Zoe\u{0308} Labs",
        "🇫🇷 Paris", "Keycap 1️⃣ One",
    ]

    @Test(arguments: [(80, 24), (120, 40)])
    func theColumnsAfterEveryNameLineUp(width: Int, height: Int) async throws {
        let folder = ProcessScratch.root.appendingPathComponent("wide-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let customers = folder.appendingPathComponent("customers.json")
        let events = folder.appendingPathComponent("events.jsonl")
        var entries: [String] = [], lines: [String] = []
        for (index, name) in Self.names.enumerated() {
            entries.append(#"{"id": "c\#(index)", "name": "\#(name)"}"#)
            for n in 0...index {
                lines.append(
                    #"{"transaction_id": "t\#(index)-\#(n)", "external_customer_id": "c\#(index)", "code": "calls", "timestamp": "\#(ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3_600)))", "properties": {}}"#
                )
            }
        }
        try ("[" + entries.joined(separator: ", ") + "]").write(to: customers, atomically: true, encoding: .utf8)
        try lines.joined(separator: "\n").write(to: events, atomically: true, encoding: .utf8)
        let metrics = folder.appendingPathComponent("metrics.json")
        try #"[{"code": "calls", "name": "Calls", "aggregation": "count", "unit": "calls"}]"#
            .write(to: metrics, atomically: true, encoding: .utf8)
        let db = folder.appendingPathComponent("usage.sqlite").path
        let ingest = try await Program.run(
            Tmux.binary, ["ingest", "--db", db, "--metrics", metrics.path, "--customers", customers.path, events.path])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let tmux = try await Tmux(width: width, height: height, arguments: "--db \(db) --period -7d")
        let shown = await tmux.waitFor { $0.contains("Paris") && $0.contains("Keycap") && $0.contains("Labs") }
        #expect(shown.ok, "\(shown.screen)")
        // From the id column on, every row holds only single-width text: if the name before it was measured as the
        // terminal draws it, that part has the same length on every row (a misjudged name shifts it or leaves a
        // stray joiner in it).
        var tails: [Int: String] = [:]
        for row in shown.screen.split(separator: "\n") where row.hasPrefix("│") {
            guard let index = Self.names.indices.first(where: { row.contains(" c\($0) ") }),
                let id = row.range(of: " c\(index) ")
            else { continue }
            tails[index] = String(row[id.lowerBound...])
        }
        #expect(tails.count == Self.names.count, "every customer on screen:\n\(shown.screen)")
        #expect(Set(tails.values.map(\.count)).count == 1, "the columns after the name line up:\n\(shown.screen)")
        #expect(tails.values.allSatisfy { $0.unicodeScalars.allSatisfy { $0.value != 0x200D } }, "no stray joiner")
        try await tmux.send("q")
        #expect(await tmux.waitFor { $0.contains("EXITED 0") }.ok)
    }
}
