import DashboardScreens
import Foundation
import LocalStore
import Testing
import TermUI
import UsageCore
import UsageViewModel

/// The README's pictures are what the renderer draws: the first-run demo store (its standard options, the day the
/// pictures were taken, priced by the plan it keeps, as the program prices it) through the real reducer, effect
/// runner and store, drawn at the size each picture has.
@Suite("README pictures")
struct ReadmePictureTests {
    static let taken = ISO8601Parser.parse("2026-11-28T10:18:24Z")!

    @Test func theCustomersPictureIsTheDemoStoreAsDrawn() async throws {
        var harness = try await ScreenHarness(width: 80, height: 15, now: Self.taken, keptPlan: true) { store in
            try DemoGenerator(options: .standard, now: Self.taken).generate(into: store)
        }
        await harness.send(.ticked(Self.taken.addingTimeInterval(1)))
        let drawn = Self.lines(of: harness.frame())
        if ProcessInfo.processInfo.environment["USAGETOP_UPDATE_README"] == "1" {
            try Self.replacePicture(0, with: drawn)
        }
        let pictured = try Self.pictures()[0].map(Self.trimmed)
        #expect(drawn == pictured, "USAGETOP_UPDATE_README=1 swift test --filter ReadmePicture redraws it")
    }

    @Test func theUsagePictureIsTheTopCustomerWithItsChartAsDrawn() async throws {
        var harness = try await ScreenHarness(width: 80, height: 24, now: Self.taken, keptPlan: true) { store in
            try DemoGenerator(options: .standard, now: Self.taken).generate(into: store)
        }
        await harness.press(.enter, .tab, .character("^"))
        // The picture is the view's frame, without the header and status lines around it.
        let rows = Self.lines(of: harness.frame())
        let drawn = Array(rows.drop { !$0.hasPrefix("┌") }.prefix { !$0.hasPrefix(" ") })
        if ProcessInfo.processInfo.environment["USAGETOP_UPDATE_README"] == "1" {
            try Self.replacePicture(1, with: drawn)
        }
        let pictured = try Self.pictures()[1].map(Self.trimmed)
        #expect(drawn == pictured, "USAGETOP_UPDATE_README=1 swift test --filter ReadmePicture redraws it")
    }

    /// A frame's rows as a picture shows them: the dump's size line and frame bars gone, trailing spaces trimmed.
    static func lines(of buffer: Buffer) -> [String] {
        buffer.dump.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
            .prefix { $0.hasPrefix("|") }.map { trimmed(String($0.dropFirst().dropLast())) }
    }

    static func trimmed(_ line: String) -> String {
        line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }

    static var readme: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
    }

    /// Rewrites the README's picture number `index` as `lines`.
    static func replacePicture(_ index: Int, with lines: [String]) throws {
        var text = try String(contentsOf: readme, encoding: .utf8).components(separatedBy: "\n")
        guard let block = try blocks().dropFirst(index).first else { return }
        text.replaceSubrange(block, with: lines)
        try text.joined(separator: "\n").write(to: readme, atomically: true, encoding: .utf8)
    }

    /// The README's text pictures (fenced blocks without a language), line by line.
    static func pictures() throws -> [[String]] {
        let text = try String(contentsOf: readme, encoding: .utf8).components(separatedBy: "\n")
        return try blocks().map { Array(text[$0]) }
    }

    /// The line ranges inside the README's fenced blocks that have no language.
    static func blocks() throws -> [Range<Int>] {
        let lines = try String(contentsOf: readme, encoding: .utf8).components(separatedBy: "\n")
        var blocks: [Range<Int>] = []
        var start: Int?, inOther = false
        for (number, line) in lines.enumerated() {
            if inOther {
                inOther = line != "```"
            } else if line.hasPrefix("```"), line != "```" {
                inOther = true  // a block with a language (sh, toml, json) is not a picture
            } else if line == "```" {
                if let first = start {
                    blocks.append(first..<number)
                    start = nil
                } else {
                    start = number + 1
                }
            }
        }
        return blocks
    }
}
